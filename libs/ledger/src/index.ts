import { probe } from '#domain';
export const ledgerProbe = (): string => probe('ledger');
