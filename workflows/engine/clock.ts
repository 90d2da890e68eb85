// Business time in workflow code. Deadlines and clocks are computed on a snapshot of the working
// calendar (the days around today) that is recorded in history: taken from the submitter's input when it
// was taken today, otherwise from the calendar activity once per Jakarta day. A question outside the
// snapshot's days goes to the calendar activity itself. An admin's change to the calendar (docs/calendar.md)
// reaches a running application through the calendarChanged signal the API sends it, or at its next
// decision or resubmission, whose Update carries the calendar revision the API saw: either way a
// recorded message drops an older snapshot and the next computation takes a new one. Otherwise it
// reaches it from tomorrow's first computation. Replay sees exactly what the run saw.
import { proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  BusinessCalendar,
  type CalendarSnapshot,
  measureBusinessMinutes,
  type MeasureArgs,
  OutsideCalendarSnapshot,
  planDeadlines,
  type PlanDeadlinesArgs,
  SNAPSHOT_SPAN_DAYS,
} from '../../libs/calendar/business-calendar';
import { jakartaLocalDate } from '../../libs/calendar/local-days';

export type { MeasureArgs, PlanDeadlinesArgs };
export type Plan = Record<string, string>;
export type Measure = Record<string, number>;

/** The calendar activities, as the engine proxies them (local activities: markers in history). */
export type CalendarActivities = Pick<Activities, 'calendarSnapshot' | 'planDeadlines' | 'measureBusinessMinutes'>;

const calendarLookups = proxyLocalActivities<CalendarActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});

/** A workflow's clock: asks the calendar activities as quick local activities (markers in history). */
export const businessClock = (): BusinessClock => new BusinessClock(calendarLookups);

/**
 * Owns the day's calendar snapshot. Each question has two forms: `...Now` answers at once from today's
 * snapshot, or undefined when there is none for today or it does not cover the days; the async form
 * always answers, fetching today's snapshot or asking the activity. Callers write
 * `clock.planNow(args) ?? (await clock.plan(args))`, so the common case creates no promise at all.
 */
export class BusinessClock {
  private snapshot?: { day: string; calendar: BusinessCalendar; data: CalendarSnapshot };
  private fetching?: Promise<BusinessCalendar>;

  constructor(private readonly activities: CalendarActivities) {}

  /**
   * Takes a snapshot handed in by the submitter or the previous run when it was taken today and covers
   * today. Answers why it was refused when it was malformed, so the caller can log it.
   */
  adopt(data: CalendarSnapshot | undefined): string | undefined {
    const today = jakartaLocalDate(new Date());
    if (data?.takenOn !== today || !(data.from <= today && today <= data.to)) return undefined;
    try {
      this.snapshot = { day: today, calendar: BusinessCalendar.fromSnapshot(data), data };
      return undefined;
    } catch (err) {
      return String(err);
    }
  }

  /**
   * The calendar has been changed by an admin up to `revision` (recorded in an Update's arguments): a
   * snapshot taken before that is dropped, so the next computation fetches the changed calendar.
   */
  changedUpTo(revision: number | undefined): void {
    if (revision === undefined || !this.snapshot) return;
    if ((this.snapshot.data.revision ?? -1) < revision) this.snapshot = undefined;
  }

  /** The snapshot a continued run should start with. */
  get data(): CalendarSnapshot | undefined {
    return this.snapshot?.data;
  }

  planNow(args: PlanDeadlinesArgs): Plan | undefined {
    return this.now(args, planDeadlines);
  }

  plan(args: PlanDeadlinesArgs): Promise<Plan> {
    return this.ask(args, planDeadlines, (a) => this.activities.planDeadlines(a));
  }

  measureNow(args: MeasureArgs): Measure | undefined {
    return this.now(args, measureBusinessMinutes);
  }

  measure(args: MeasureArgs): Promise<Measure> {
    return this.ask(args, measureBusinessMinutes, (a) => this.activities.measureBusinessMinutes(a));
  }

  private now<A, R>(args: A, compute: (calendar: BusinessCalendar, args: A) => R): R | undefined {
    if (this.snapshot?.day !== jakartaLocalDate(new Date())) return undefined;
    try {
      return compute(this.snapshot.calendar, args);
    } catch (err) {
      if (err instanceof OutsideCalendarSnapshot) return undefined;
      throw err;
    }
  }

  private async ask<A, R>(args: A, compute: (calendar: BusinessCalendar, args: A) => R, activity: (args: A) => Promise<R>): Promise<R> {
    const calendar = await this.today();
    try {
      return compute(calendar, args);
    } catch (err) {
      if (!(err instanceof OutsideCalendarSnapshot)) throw err;
      return activity(args);
    }
  }

  /** Today's calendar: one activity per Jakarta day, shared by every question asked while it runs. */
  private today(): Promise<BusinessCalendar> {
    const today = jakartaLocalDate(new Date());
    if (this.snapshot?.day === today) return Promise.resolve(this.snapshot.calendar);
    this.fetching ??= this.activities
      .calendarSnapshot({ at: new Date().toISOString(), ...SNAPSHOT_SPAN_DAYS })
      .then((data) => {
        const calendar = BusinessCalendar.fromSnapshot(data);
        this.snapshot = { day: today, calendar, data };
        return calendar;
      })
      .finally(() => {
        this.fetching = undefined;
      });
    return this.fetching;
  }
}
