import type { Pool, PoolClient } from 'pg';
import type { ProcessInstanceRef } from '../port.ts';

/**
 * One root instance per process and business key, for good: the embedded engine's guard
 * (engine_business_keys, migration 0008). Zeebe 8.8 has no such rule; jingpin's case starts
 * (platform/cycle/case-starts.ts) give it on both engines, and this makes the embedded engine
 * safe even for a caller that bypasses them. A completed or terminated instance keeps its key:
 * jingpin's keys (declaration, certificate numbers, campaign years) each name one case for life.
 *
 * Call inside the transaction that inserts the instance. The primary key serialises two starts
 * of one key: the second waits for the first to commit, then finds its instance.
 * @returns null when `instanceKey` now holds the business key; else the key of the instance that does.
 */
export async function holdBusinessKey(db: PoolClient, processId: string, businessKey: string, instanceKey: string): Promise<string | null> {
  const taken = await db.query(
    'INSERT INTO engine_business_keys (process_id, business_key, instance_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [processId, businessKey, instanceKey],
  );
  if (taken.rowCount === 1) return null;
  const { rows } = await db.query<{ instance_key: string }>(
    'SELECT instance_key::text FROM engine_business_keys WHERE process_id = $1 AND business_key = $2',
    [processId, businessKey],
  );
  return rows[0]!.instance_key;
}

/** The reference of the instance that holds a business key, as startInstance answers a repeated start. */
export async function heldInstanceRef(db: PoolClient | Pool, instanceKey: string): Promise<ProcessInstanceRef> {
  const { rows } = await db.query<{ key: string; process_definition_key: string; process_id: string; version: number; business_key: string | null }>(
    'SELECT key::text, process_definition_key::text, process_id, version, business_key FROM engine_instances WHERE key = $1',
    [instanceKey],
  );
  const row = rows[0]!;
  return { processInstanceKey: row.key, processDefinitionId: row.process_id, processDefinitionKey: row.process_definition_key, version: row.version, businessKey: row.business_key };
}
