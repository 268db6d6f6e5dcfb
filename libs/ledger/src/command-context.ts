/** Who sends a command and through which door; becomes the events' metadata. */
export interface CommandContext {
  /** Who is accountable: an API key's id over HTTP (names may repeat, ids do not), the OS user in the CLI. */
  actor: string;
  /** A label for people reading the log: the API key's name; absent where `actor` is readable itself. */
  actorName?: string;
  role: string;
  source: 'http' | 'import' | 'cli';
  /** Ties together every event caused by one request or one import run. */
  correlationId?: string;
  /** The message that caused this command (a request id, an import line); defaults to the correlation id. */
  causationId?: string;
  /** The caller's areas (province/district/commune codes or `*`); undefined means every area. */
  areas?: string[];
}

/** The contract's reply to a recorded command. */
export interface CommandResult {
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  position: number;
}

/** `created`: a new event (HTTP 201). `duplicate`: the same command was recorded before (HTTP 200). */
export interface CommandOutcome {
  status: 'created' | 'duplicate';
  result: CommandResult;
}
