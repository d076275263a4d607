/**
 * BullMQ refuses a custom job id holding `:` (its key separator) and reads an id of digits
 * only as one of its own counters, so such an id would silently address another job.
 * @throws {RangeError} naming the id, before it reaches Redis.
 */
export function assertJobId(jobId: string): string {
  if (jobId === '' || jobId.includes(':') || /^\d+$/.test(jobId)) {
    throw new RangeError(`BullMQ 作业 ID 不能为空、不能含冒号、不能全是数字 / invalid BullMQ job id ${JSON.stringify(jobId)}: empty, holds ':' or is digits only`);
  }
  return jobId;
}
