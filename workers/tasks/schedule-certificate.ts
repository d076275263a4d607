import { Type } from '@sinclair/typebox';
import { taskTypes } from '../../bpmn/contract.ts';
import { beijingDateOf } from '../../domain/deadlines/beijing-time.ts';
import { certificateValidity, renewalReminders } from '../../domain/deadlines/certificate-validity.ts';
import { complete, incident } from '../../platform/engine/outcome.ts';
import { defineWorker } from '../../platform/engine/worker.ts';
import type { CyclePorts } from '../cycle/ports.ts';

/** The certificate's expiry and its renewal reminder (the first, 90 days before), for the model's timers. */
export function scheduleCertificateWorker(ports: CyclePorts) {
  return defineWorker({
    taskType: taskTypes.scheduleCertificate,
    description: '安排证书有效期与换证提醒 / schedule the certificate\'s expiry and renewal reminder',
    input: Type.Object({ certificateNumber: Type.String({ minLength: 1 }) }),
    async handler(job) {
      const { rows } = await ports.db.query<{ issued_at: Date }>('SELECT issued_at FROM certificates WHERE number = $1', [job.variables.certificateNumber]);
      if (!rows[0]) return incident(`证书不存在 / no certificate ${job.variables.certificateNumber}`);
      const validity = certificateValidity(beijingDateOf(rows[0].issued_at));
      const [first] = renewalReminders(validity.expiresOn);
      return complete({ expiresAt: validity.lapsesAt, expiresOn: validity.expiresOn, renewalReminderAt: first!.at });
    },
  });
}
