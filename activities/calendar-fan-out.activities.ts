import { ApplicationFailure, CancelledFailure, Context } from '@temporalio/activity';
import { type Client, WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { MESSAGE_NAMES, workflowIdOf } from '../libs/domain/application-contract';
import { startOnce } from '../libs/temporal/start-once';
import { CALENDAR_FAN_OUT_WORKFLOW, calendarFanOutWorkflowId, type CalendarFanOutWorkflow } from '../workflows/delivery/contracts';
import type { CalendarChangedArgs } from '../workflows/messages';

/** Signals in flight at once, and applications read a page. */
const SIGNALS_AT_ONCE = 16;
const PAGE = 500;

/**
 * Starts the fan-out of the calendar change `revision` (docs/calendar.md): by the API after the change
 * committed, by the sweep when the API did not. `false` when it was started already; one that failed may
 * be started again, one that completed has marked its change told and is not swept again.
 */
export function startCalendarFanOut(client: Client, taskQueue: string, revision: number): Promise<boolean> {
  return startOnce<CalendarFanOutWorkflow>(client, CALENDAR_FAN_OUT_WORKFLOW, {
    workflowId: calendarFanOutWorkflowId({ revision }),
    taskQueue,
    input: { revision },
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
  });
}

/**
 * The fan-out of a calendar change to the running applications (docs/calendar.md), and the sweep that
 * starts the fan-outs nobody started. The change is a calendar_change row written in the change's own
 * transaction; it is marked told once every application of its scope was signalled.
 */
export function createCalendarFanOutActivities(db: DataSource) {
  return {
    /**
     * Signals `calendarChanged` to every application with an open step in the change's scope, in the
     * order of their ids, a page at a time; after each page it heartbeats the last id told, and a retry
     * (the worker died, the heartbeat timed out) starts after it. A signal told twice moves nothing twice:
     * the engine plans again on the same calendar. Answers how many were told by this attempt.
     */
    async fanOutCalendarChange({ revision, pageSize = PAGE }: { revision: number; pageSize?: number }): Promise<number> {
      const ctx = Context.current();
      const rows: Array<{ office_id: string | null; from: string; fanned_out_at: Date | null }> = await db.query(
        `SELECT office_id, to_char(from_date, 'YYYY-MM-DD') AS from, fanned_out_at FROM calendar_change WHERE revision = $1`,
        [revision],
      );
      if (rows.length === 0) throw ApplicationFailure.nonRetryable(`No calendar change ${revision} in calendar_change: it is written with the change; check the database the worker reads.`, 'UnknownCalendarChange');
      const [change] = rows;
      if (change.fanned_out_at) return 0;
      const signal: CalendarChangedArgs = { revision, from: change.from, ...(change.office_id ? { officeId: change.office_id } : {}) };
      const tell = async (applicationId: string) => {
        try {
          await ctx.client.workflow.getHandle(workflowIdOf(applicationId)).signal(MESSAGE_NAMES.calendarChanged, signal);
        } catch (err) {
          // Finished since the read model was read: nothing left to move.
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        }
      };
      let cursor: string = typeof ctx.info.heartbeatDetails === 'string' ? ctx.info.heartbeatDetails : '';
      let told = 0;
      for (;;) {
        const page: Array<{ application_id: string }> = await db.query(
          `SELECT DISTINCT application_id FROM task WHERE status = 'open' AND ($1::text IS NULL OR office_id = $1) AND application_id > $2 ORDER BY application_id LIMIT $3`,
          [change.office_id, cursor, pageSize],
        );
        for (let i = 0; i < page.length; i += SIGNALS_AT_ONCE) await Promise.all(page.slice(i, i + SIGNALS_AT_ONCE).map((r) => tell(r.application_id)));
        told += page.length;
        if (page.length < pageSize) break;
        cursor = page[page.length - 1].application_id;
        ctx.heartbeat(cursor);
        if (ctx.cancellationSignal.aborted) throw new CancelledFailure(`calendar change ${revision}: told up to ${cursor}; the next attempt starts after it`);
      }
      await db.query(`UPDATE calendar_change SET fanned_out_at = now() WHERE revision = $1 AND fanned_out_at IS NULL`, [revision]);
      return told;
    },

    /** Starts the fan-out of every change untold `graceSeconds` after it was recorded; answers their revisions. */
    async startPendingCalendarFanOuts({ graceSeconds }: { graceSeconds: number }): Promise<number[]> {
      const ctx = Context.current();
      const pending: Array<{ revision: number }> = await db.query(
        `SELECT revision::int AS revision FROM calendar_change WHERE fanned_out_at IS NULL AND recorded_at <= now() - make_interval(secs => $1) ORDER BY revision`,
        [graceSeconds],
      );
      for (const { revision } of pending) await startCalendarFanOut(ctx.client, ctx.info.taskQueue, revision);
      return pending.map((p) => p.revision);
    },
  };
}
