const converted = new Map<string, string>();

/**
 * The read side writes its SQL once with SQLite's `?` placeholders; PostgreSQL numbers them
 * (`$1`, `$2`…). A `?` inside a quoted literal or identifier is left alone.
 */
export function numberedPlaceholders(sql: string): string {
  let result = converted.get(sql);
  if (result !== undefined) return result;
  let n = 0;
  let quote: string | undefined;
  result = '';
  for (const char of sql) {
    if (quote) {
      if (char === quote) quote = undefined;
      result += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      result += char;
    } else {
      result += char === '?' ? `$${++n}` : char;
    }
  }
  converted.set(sql, result);
  return result;
}
