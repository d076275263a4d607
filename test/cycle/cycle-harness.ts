import path from 'node:path';
import { CycleDriver } from '../../bin/demo/cycle-driver.ts';
import { seedDirectory, type DirectorySeed } from '../../bin/demo/directory.ts';
import { ChineseWorkingDayCalendar } from '../../domain/calendar/chinese-working-day-calendar.ts';
import type { NotificationContent } from '../../domain/notifications/content.ts';
import type { OfficeRole, PartyRef } from '../../domain/notifications/roles.ts';
import { AttachmentStore } from '../../platform/cycle/attachment-store.ts';
import { CreditRecordsRegistry } from '../../platform/credit/credit-records-registry.ts';
import { cleanRecords, recordCreditRecords } from '../../platform/credit/credit-records.ts';
import { readModels } from '../../platform/engine/deploy-models.ts';
import type { EnginePort } from '../../platform/engine/port.ts';
import { cycleWorkerDefinitions } from '../../workers/cycle/cycle-workers.ts';
import type { CyclePorts } from '../../workers/cycle/ports.ts';
import { notifyWorker } from '../../workers/tasks/notify.ts';
import { createEngineHarness, type EngineHarness } from '../engine-harness.ts';

const BPMN = path.join(import.meta.dirname, '..', '..', 'bpmn');

/** A notification the models asked for, as the notify task queued it. */
export interface QueuedNotification {
  readonly kind: string;
  readonly caseNumber: string;
  readonly roles: readonly OfficeRole[];
  readonly parties: readonly PartyRef[];
  /** The deadline the notification is about, and whose deadline it was (escalations). */
  readonly deadline: string;
  readonly concerning: PartyRef | null;
  readonly at: string;
}

export interface CycleHarness {
  readonly h: EngineHarness;
  readonly driver: CycleDriver;
  /** What the notify tasks queued, in order (the mail itself is the notification tests' business). */
  readonly notifications: QueuedNotification[];
  close(): Promise<void>;
}

/**
 * The yearly cycle's real models and workers on the embedded engine with a virtual clock, with a
 * clean credit record on file for every enterprise of the directory unless `creditOnFile` is false. The
 * notification port is stubbed at the registry: the cycle's tests check that
 * the right reminder is asked for at the right time; delivery is tested in test/notifications/.
 */
export async function createCycleHarness(options: { start?: string; directory: DirectorySeed; creditOnFile?: boolean; attachmentsDir?: string }): Promise<CycleHarness> {
  const notifications: QueuedNotification[] = [];
  // The workers are built before the engine harness exists; they reach its parts through this.
  const late: { engine?: EnginePort; credit?: CreditRecordsRegistry; now: () => Date } = { now: () => new Date() };
  const clockNow = () => late.now();
  const ports: Omit<CyclePorts, 'db'> & { db?: CyclePorts['db'] } = {
    clock: { now: clockNow },
    calendar: async () => new ChineseWorkingDayCalendar([]),
    engine: {
      publishMessage: (request) => late.engine!.publishMessage(request),
      startInstance: (request) => late.engine!.startInstance(request),
      searchInstances: (filter) => late.engine!.searchInstances(filter),
    },
    credit: { name: CreditRecordsRegistry.adapterName, findings: (...args) => late.credit!.findings(...args) },
  };
  const notify = notifyWorker({
    async resolveRecipients(roles, parties) {
      pending = { roles, parties };
      return [{ contact: { id: notifications.length + 1 } } as never];
    },
    async enqueue(content: NotificationContent) {
      if (content.kind === 'daily-digest') throw new Error('the cycle queues no digest');
      notifications.push({
        kind: content.kind,
        caseNumber: content.caseNumber,
        roles: pending!.roles,
        parties: pending!.parties,
        deadline: content.deadline,
        concerning: content.concerning ?? null,
        at: clockNow().toISOString(),
      });
      return `n-${notifications.length}`;
    },
  });
  let pending: { roles: readonly OfficeRole[]; parties: readonly PartyRef[] } | undefined;
  // The workers close over `ports`; its database, clock and engine are the harness's, filled in below.
  const workers = cycleWorkerDefinitions(ports as CyclePorts);
  const h = await createEngineHarness({ workers: [...workers, notify], start: options.start ?? '2023-03-20T09:00:00+08:00' });
  (ports as { db: CyclePorts['db'] }).db = h.db.pool;
  late.now = () => h.clock.now();
  late.engine = h.engine;
  late.credit = new CreditRecordsRegistry(h.db.pool);
  await h.engine.deploy(await readModels(BPMN));
  // Written at the virtual clock's start, so the directory's audit entries come before the cycle's.
  await seedDirectory(h.db.pool, options.directory, h.clock.now());
  // The office has entered a clean record from each usual source for every enterprise (the
  // default credit adapter's records), unless a test wants nothing on file.
  if (options.creditOnFile ?? true) await recordCreditRecords(h.db.pool, cleanRecords(options.directory.enterprises.map((e) => e.id), h.clock.now()), { actor: 'office-credit', at: h.clock.now() });
  return { h, driver: new CycleDriver(h.engine, h.db.pool, h.clock, ...(options.attachmentsDir ? [new AttachmentStore(options.attachmentsDir)] : [])), notifications, close: () => h.close() };
}
