import { Type } from '@sinclair/typebox';
import type { Pool } from 'pg';
import { complete } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';

/** Records every attempt, then answers after a short pause, so a kill lands mid-job. */
export function durableStepWorker(pool: Pool) {
  return defineWorker({
    taskType: 'durable-step',
    description: 'a step with a side effect, for the crash test',
    input: Type.Object({}),
    handler: async (job) => {
      await pool.query('INSERT INTO step_attempts (job_key, instance_key, element_id) VALUES ($1, $2, $3)', [
        job.key,
        job.processInstanceKey,
        job.elementId,
      ]);
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10));
      return complete({ [`${job.elementId}Done`]: true });
    },
  });
}

export const STEP_ATTEMPTS_TABLE = 'CREATE TABLE step_attempts (job_key text NOT NULL, instance_key text NOT NULL, element_id text NOT NULL)';
