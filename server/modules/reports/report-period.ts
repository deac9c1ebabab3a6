import { sql, type SQL } from 'drizzle-orm';
import { todayIso } from '../../lib/dates.js';
import { AppError } from '../../lib/errors.js';

/**
 * The period of a report and the moment its data are taken at (ADR 0027): a past year is read as
 * it stood at its end, the current year as it stands now. Records with business dates (a course
 * completed on, an event held on, a document dated) are filtered by those dates; records with
 * recorded moments (a status set at, a report filed at) by those moments. So a report of a past
 * year comes out the same whenever it is built, whatever was recorded after.
 */
export interface ReportPeriod {
  year: number;
  /** First day of the year. */
  from: string;
  /** The last day the data are taken at, inclusive: 31 December of a past year, today for the current one. */
  asOf: string;
  /** Moments (timestamps) before this one count: the first instant of the next year, or now. */
  until: Date;
  /** A control date before this day and not done is overdue. */
  overdueBefore: string;
  /** Whether the year is over. */
  closed: boolean;
}

export function reportPeriod(year: number, now = new Date()): ReportPeriod {
  const today = todayIso(now);
  const current = Number(today.slice(0, 4));
  if (year > current) throw new AppError(422, 'future_period', `Отчёт строится за прошедший или текущий год (не позднее ${current})`);
  const closed = year < current;
  return {
    year,
    from: `${year}-01-01`,
    asOf: closed ? `${year}-12-31` : today,
    until: closed ? new Date(`${year + 1}-01-01T00:00:00`) : now,
    overdueBefore: closed ? `${year + 1}-01-01` : today,
    closed,
  };
}

/** SQL bits over one period. */
export function periodSql(p: ReportPeriod) {
  const asOf = sql`${p.asOf}::date`;
  const from = sql`${p.from}::date`;
  const until = sql`${p.until.toISOString()}::timestamptz`;
  return {
    asOf,
    from,
    until,
    /** A date column within the year up to the moment of the report. */
    dateIn: (col: SQL) => sql`(${col} BETWEEN ${from} AND ${asOf})`,
    /** A timestamp column within the year up to the moment of the report. */
    momentIn: (col: SQL) => sql`(${col} >= ${from}::timestamptz AND ${col} < ${until})`,
    /** A timestamp recorded by the moment of the report. */
    recorded: (col: SQL) => sql`(${col} IS NOT NULL AND ${col} < ${until})`,
    /** Not yet ended (archived, closed) at the moment of the report. */
    liveAt: (col: SQL) => sql`(${col} IS NULL OR ${col} >= ${until})`,
  };
}
