/**
 * The command keys an import has claimed, kept as 32-bit hashes: a million keys take a few MB as
 * small integers where the strings would take ≈ 80 MB. Two keys may share a hash, so a hash already
 * present only means "the store may hold this key: ask it"; an absent hash means the import has not
 * claimed the key.
 */
export class ClaimedKeys {
  private readonly hashes = new Set<number>();

  add(commandKey: string): void {
    this.hashes.add(fnv1a(commandKey));
  }

  mayHold(commandKey: string): boolean {
    return this.hashes.has(fnv1a(commandKey));
  }
}

/** FNV-1a over the UTF-16 code units, as a signed 32-bit integer (a small integer in V8, no allocation). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}
