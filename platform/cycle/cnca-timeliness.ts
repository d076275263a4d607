/**
 * The SQL expression for where the CNCA report of the certification row `c` (a table alias)
 * stands against its deadline (7 working days after the certification ended,
 * workers/tasks/compute-cnca-deadline.ts) as of `asOf` (a query parameter such as `$2`):
 * 'ON_TIME' (made by it), 'LATE' (made after it), 'OVERDUE' (due and still missing),
 * 'NOT_YET_DUE', or NULL while the certification has no deadline. The body report counts by it
 * and the dashboard lists the OVERDUE ones: one definition, so the secretariat's report and the
 * office's list of late reports cannot disagree.
 */
export function cncaTimelinessSql(c: string, asOf: string): string {
  return `CASE WHEN ${c}.cnca_due_at IS NULL THEN NULL
               WHEN ${c}.cnca_reported_at IS NULL THEN CASE WHEN ${c}.cnca_due_at < ${asOf} THEN 'OVERDUE' ELSE 'NOT_YET_DUE' END
               WHEN ${c}.cnca_reported_at <= ${c}.cnca_due_at THEN 'ON_TIME' ELSE 'LATE' END`;
}
