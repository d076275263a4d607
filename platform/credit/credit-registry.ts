/** What the credit registry says of an enterprise: the credit adapter's answer, one source's record. */
export interface CreditFinding {
  /** Where the office (or the registry) looked: 信用中国, 国家企业信用信息公示系统, ... */
  readonly source: string;
  readonly result: 'CLEAN' | 'HIT' | 'NEEDS_EXPLANATION';
  readonly detail: string;
  /** When the source was consulted. */
  readonly recordedAt: Date;
}

/**
 * The credit consultation adapter (信用查询). Each adapter has a name, kept with every
 * consultation, so an auditor sees which registry answered. The default, `credit-records`, reads
 * the records the office imports (CreditRecordsRegistry); an adapter for a registry's API would
 * implement the same interface under its own name.
 */
export interface CreditRegistry {
  readonly name: string;
  findings(enterpriseId: string, since: Date): Promise<CreditFinding[]>;
}
