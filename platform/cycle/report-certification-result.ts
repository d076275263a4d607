import type { Pool } from 'pg';
import { CASE_MESSAGE_TTL_MS, messageNames } from '../../bpmn/contract.ts';
import type { Clock } from '../engine/clock.ts';
import type { EnginePort } from '../engine/port.ts';

export class CertificationResultRefused extends Error {
  override readonly name = 'CertificationResultRefused';
  constructor(
    message: string,
    readonly reason: 'NOT_FOUND' | 'NOT_IN_PROGRESS',
  ) {
    super(message);
  }
}

/**
 * A certification body reports its decision on one of its certifications: the
 * `certification-result` message the declaration's case waits for; when it certifies, with the
 * certificate it issued (number and date). The record-certification-result
 * task writes the row and the audit entry. Only the body the certification is with may report,
 * and only while it is in progress; the message id makes a repeat harmless.
 */
export async function reportCertificationResult(
  deps: { db: Pool; clock: Clock; engine: Pick<EnginePort, 'publishMessage'> },
  request: { number: string; bodyId: string; certified: boolean; endedAt?: string; note?: string; certificate?: { number: string; date: string } },
): Promise<{ number: string; certified: boolean }> {
  const { rows } = await deps.db.query<{ status: string }>(
    'SELECT status FROM certifications WHERE declaration_number = $1 AND body_id = $2',
    [request.number, request.bodyId],
  );
  if (!rows[0]) throw new CertificationResultRefused(`没有找到 / not found: certification ${request.number}`, 'NOT_FOUND');
  if (rows[0].status !== 'IN_PROGRESS') {
    throw new CertificationResultRefused(`认证已有结论 / certification of ${request.number} is ${rows[0].status} already`, 'NOT_IN_PROGRESS');
  }
  await deps.engine.publishMessage({
    name: messageNames.certificationResult,
    correlationKey: request.number,
    messageId: `${messageNames.certificationResult}-${request.number}-${request.bodyId}`,
    timeToLiveMs: CASE_MESSAGE_TTL_MS,
    variables: {
      certified: request.certified,
      certificationEndedAt: request.endedAt ?? deps.clock.now().toISOString(),
      ...(request.note ? { certificationNote: request.note } : {}),
      ...(request.certificate ? { certificateNumber: request.certificate.number, certificateDate: request.certificate.date } : {}),
    },
  });
  return { number: request.number, certified: request.certified };
}
