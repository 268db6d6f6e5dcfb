import type { RecordedEvent } from '#event-store';
import type { SqlParam, SqlStatement } from '../database/read-model-db.js';
import type { BuiltPage, ReadModelAreas } from '../ports.js';
import { EventWriter } from './event-writer.js';

/**
 * Turns pages of events into the statements that apply them, as the projector's `apply` does (each
 * event's statements, then the page's arrears marks), on the thread that reads the log: a rebuild's
 * reader, whose core is otherwise idle half the time. What crosses to the main thread is then a
 * few texts and an array of parameters per statement, which costs it less than half the copy of the
 * events and spares it building the statements (docs/benchmarks.md, 'Statements built on the
 * reader's thread'). Pages must come in log order, as they do: the marks are the page's.
 */
export function pageBuilder(areas: ReadModelAreas): (events: RecordedEvent[]) => BuiltPage {
  const writer = new EventWriter(areas);
  let position = 0;
  return (events) => {
    const statements: SqlStatement[] = [];
    const first = events.length > 0 ? events[0]!.position : position + 1;
    for (const event of events) {
      // As the projector's apply: an event out of order is not applied twice.
      if (event.position <= position) continue;
      writer.appendStatements(event, statements);
      position = event.position;
    }
    writer.appendMarks(statements);
    const sqls: string[] = [];
    const idOf = new Map<string, number>();
    const ids = new Uint16Array(statements.length);
    const params: SqlParam[][] = new Array(statements.length);
    for (let i = 0; i < statements.length; i++) {
      const { sql } = statements[i]!;
      let id = idOf.get(sql);
      if (id === undefined) idOf.set(sql, (id = sqls.push(sql) - 1));
      // The writer's texts are a fixed few dozen; an id past 16 bits would wrap silently in `ids`.
      if (id > 0xffff) throw new RangeError(`a page of ${sqls.length} distinct statements: more than a BuiltPage can name`);
      ids[i] = id;
      params[i] = statements[i]!.params as SqlParam[];
    }
    return { count: events.length, first, last: position, sqls, ids, params };
  };
}
