/* What commands and the relief rules both name of an employer; imports nothing, so commands.ts can use it without reaching the rate tables. */

/** What an employer is, as far as the reliefs' scopes ask (issue 22 item 5). */
export type EmployerSector = 'enterprise' | 'state-agency' | 'budget-funded-unit' | 'household-business' | 'cooperative' | 'other';
export const EMPLOYER_SECTORS: readonly EmployerSector[] = ['enterprise', 'state-agency', 'budget-funded-unit', 'household-business', 'cooperative', 'other'];

/** The Ministry's approval of the 0.3 % TNLĐ–BNN rate for a high-risk employer, from its date. */
export interface HighRiskApproval {
  rate: '0.3';
  decisionRef: string;
}
