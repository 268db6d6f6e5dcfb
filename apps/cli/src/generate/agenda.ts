import { addDays, firstDayOf, lastDayOf, monthOf, type Command, type IsoDate, type IsoMonth } from '#domain';

/**
 * Something to write on a business date. It is a function, run when its day comes, so that it can
 * look at the world as it is then (an employer dissolved since may no longer pay) and take the next
 * receipt number in file order. It returns nothing when there is nothing left to write.
 */
export type Entry = () => Command | undefined;

/**
 * A diary of entries by business date. The simulation plans a month (and a little ahead: late
 * payments, card renewals), then the month is written out day by day, entries of one day in the
 * order they were planned. Only the months still ahead are held, so memory stays bounded by what
 * one month plans, whatever the length of the run.
 */
export class Agenda {
  private readonly days = new Map<IsoDate, Entry[]>();
  /** Nothing may be planned on or before this date: it is already written. */
  private writtenThrough: IsoDate = '0000-00-00';

  add(date: IsoDate, entry: Entry): void {
    if (date <= this.writtenThrough) throw new Error(`generator bug: ${date} is already written (through ${this.writtenThrough})`);
    const list = this.days.get(date);
    if (list) list.push(entry);
    else this.days.set(date, [entry]);
  }

  /** Writes every entry dated in `month`, in date order. */
  *writeMonth(month: IsoMonth): Generator<Command> {
    const last = lastDayOf(month);
    for (let day = firstDayOf(month); day <= last; day = addDays(day, 1)) {
      const entries = this.days.get(day);
      this.days.delete(day);
      this.writtenThrough = day;
      if (!entries) continue;
      for (const entry of entries) {
        const command = entry();
        if (command) yield command;
      }
    }
  }

  /** Drops what was planned beyond the end of the run. */
  discardAfter(month: IsoMonth): void {
    for (const date of this.days.keys()) if (monthOf(date) > month) this.days.delete(date);
  }
}
