import type { Money } from './money.js';

/** The due amount of each fund (employer + employee shares together), each rounded half-up to the đồng. */
export interface FundDues {
  pension: Money;
  sickness: Money;
  accident: Money;
  health: Money;
  unemployment: Money;
}
