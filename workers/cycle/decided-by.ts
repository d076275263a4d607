/**
 * Who took a decision recorded from a user task. The API adds `decidedBy` when a person
 * completes a task; a task completed elsewhere (Camunda Tasklist) is recorded as such, so the
 * audit trail never claims a decision for the wrong person.
 */
export const TASKLIST_USER = 'tasklist';

export function decidedByOf(variables: { decidedBy?: string | null | undefined }): string {
  return variables.decidedBy ?? TASKLIST_USER;
}
