/**
 * EventStoreDB was renamed KurrentDB; the server and the contract accept `kurrentdb://` (and the
 * `kurrent://` short form), but @eventstore/db-client 6 parses only `esdb://` and `esdb+discover://`.
 * The two schemes name the same gRPC connection settings, so the translation is a scheme swap.
 */
const SCHEME = /^(esdb|kurrentdb|kurrent)(\+discover)?:\/\//i;

/** True when `value` names an EventStoreDB/KurrentDB cluster rather than the embedded store. */
export function isEsdbConnectionString(value: string): boolean {
  return SCHEME.test(value.trim());
}

/** The connection string the client accepts: `kurrentdb://h:2113?tls=false` → `esdb://h:2113?tls=false`. */
export function toEsdbConnectionString(value: string): string {
  const trimmed = value.trim();
  const match = SCHEME.exec(trimmed);
  if (!match) throw new TypeError(`not an EventStoreDB/KurrentDB connection string: ${redactCredentials(trimmed)}`);
  return `esdb${match[2] ? '+discover' : ''}://${trimmed.slice(match[0].length)}`;
}

/** The connection string without its password, for messages and logs. */
export function redactCredentials(value: string): string {
  return value.replace(/^([a-z+]+:\/\/[^:@/]+):[^@/]*@/i, '$1:***@');
}
