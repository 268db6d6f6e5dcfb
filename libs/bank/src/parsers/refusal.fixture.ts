import { StatementParseError } from '../statement.js';

/** Where and why a parser refused a file; fails the spec when it did not. */
export async function refusal(run: () => unknown): Promise<Pick<StatementParseError, 'line' | 'element' | 'reason'>> {
  try {
    await run();
  } catch (err) {
    if (err instanceof StatementParseError) return { line: err.line, element: err.element, reason: err.reason };
    throw err;
  }
  throw new Error('not refused');
}
