/** One refused line of an import: its 1-based number, a stable code and what was wrong. */
export interface RefusedLine {
  line: number;
  code: string;
  message: string;
  errors?: { field: string; message: string }[];
}

export interface ImportSummary {
  recorded: number;
  duplicates: number;
  refused: number;
  /** The first refused lines (all of them up to a cap, so a huge bad file cannot exhaust memory). */
  refusals: RefusedLine[];
  lines: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  lastPosition: number;
}

export const MAX_REPORTED_REFUSALS = 1_000;
