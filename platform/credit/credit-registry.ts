/** What the credit registry says of an enterprise: the credit adapter's answer. */
export interface CreditFinding {
  readonly source: string;
  readonly result: 'CLEAN' | 'HIT' | 'NEEDS_EXPLANATION';
  readonly detail: string;
  readonly recordedAt: Date;
}

/** The credit consultation adapter (信用查询). The default reads the credit_records table. */
export interface CreditRegistry {
  findings(enterpriseId: string, since: Date): Promise<CreditFinding[]>;
}
