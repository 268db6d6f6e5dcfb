/**
 * Remembers where each bank reference was seen in a file. Two lines with one reference would be one
 * fact (account + bankRef is the natural key), so the second would be dropped on import and its money
 * lost without a word; the parsers refuse the file instead, naming where the reference first was.
 */
export class SeenReferences<Where> {
  private readonly seen = new Map<string, Where>();

  /** Where `bankRef` of `account` was seen before, or undefined (and it is remembered here). */
  firstSeen(account: string, bankRef: string, where: Where): Where | undefined {
    const key = `${account}\n${bankRef}`;
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, where);
    return first;
  }
}
