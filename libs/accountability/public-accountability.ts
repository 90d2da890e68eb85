// Public accountability: the agencies ranked by the deadlines they missed in a Jakarta month, and the
// steps that reached the governor's rung of the escalation ladder (libs/permits/ladders.ts). Read by the
// public endpoint and by the weekly digest to the agency heads. Only public facts: agencies, offices,
// steps, permit types and days. No applicant, officer, note, application id or tracking code: a tracking
// code opens an application's own page, and the list names agencies, not applications.
import type { DataSource } from 'typeorm';
import { BusinessCalendar, MINUTES_PER_BUSINESS_DAY } from '../calendar';
import { JAKARTA_UTC_OFFSET_MINUTES } from '../domain/time';

/** The rung whose steps go on the governor's public list. */
export const GOVERNOR_RUNG = 'governor';

export interface AgencyMisses {
  agency: string;
  name: string;
  /** Step attempts due in the month that were decided or closed after their due time, or are still open past it. */
  missedDeadlines: number;
  /** Of those, still open. */
  openOverdue: number;
  /** Steps of this agency on the governor's list in the month. */
  governorListed: number;
}

export interface GovernorListEntry {
  agency: string;
  agencyName: string;
  officeId: string;
  officeName: string;
  stepId: string;
  stepName: string;
  permitType: string;
  /** When the step reached the governor's rung. */
  listedAt: string;
  dueAt: string;
  /** Whole business days past the due time: until the decision, or until now while open. */
  businessDaysOverdue: number;
  decided: boolean;
}

export interface PublicAccountability {
  /** 'YYYY-MM' (Jakarta). */
  month: string;
  from: string;
  to: string;
  agencies: AgencyMisses[];
  governorList: GovernorListEntry[];
}

const OFFSET_MS = JAKARTA_UTC_OFFSET_MINUTES * 60_000;

/** The instants a Jakarta month 'YYYY-MM' spans, [from, to). */
export function jakartaMonthSpan(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number);
  return { from: new Date(Date.UTC(y, m - 1, 1) - OFFSET_MS), to: new Date(Date.UTC(y, m, 1) - OFFSET_MS) };
}

/** The Jakarta month 'YYYY-MM' holding an instant. */
export function jakartaMonthOf(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 7);
}

export async function readPublicAccountability(db: DataSource, month: string, now: Date, calendar = new BusinessCalendar()): Promise<PublicAccountability> {
  const { from, to } = jakartaMonthSpan(month);
  const misses: Array<{ agency: string; name: string | null; missed: number; open_overdue: number; listed: number }> = await db.query(
    `WITH missed AS (
       SELECT agency, count(*) FILTER (WHERE breached OR (status = 'open' AND due_at < $3))::int AS missed,
              count(*) FILTER (WHERE status = 'open' AND due_at < $3)::int AS open_overdue
         FROM task WHERE due_at >= $1 AND due_at < $2 GROUP BY agency),
     listed AS (
       SELECT agency, count(DISTINCT task_id)::int AS listed FROM escalation WHERE rung = '${GOVERNOR_RUNG}' AND at >= $1 AND at < $2 GROUP BY agency)
     SELECT coalesce(m.agency, l.agency) AS agency, a.name, coalesce(m.missed, 0) AS missed, coalesce(m.open_overdue, 0) AS open_overdue, coalesce(l.listed, 0) AS listed
       FROM missed m FULL JOIN listed l ON l.agency = m.agency LEFT JOIN agency a ON a.code = coalesce(m.agency, l.agency)
      WHERE coalesce(m.missed, 0) > 0 OR coalesce(l.listed, 0) > 0
      ORDER BY missed DESC, listed DESC, agency`,
    [from, to, now],
  );
  const listed: Array<{ agency: string; agency_name: string | null; office_id: string; office_name: string | null; step_id: string; step_name: string; permit_type: string; listed_at: Date; due_at: Date; decided_at: Date | null; status: string }> = await db.query(
    `SELECT DISTINCT ON (e.task_id) e.agency, a.name AS agency_name, e.office_id, o.name AS office_name, e.step_id, t.step_name, t.permit_type,
            e.at AS listed_at, t.due_at, t.decided_at, t.status
       FROM escalation e JOIN task t ON t.id = e.task_id LEFT JOIN agency a ON a.code = e.agency LEFT JOIN office o ON o.id = e.office_id
      WHERE e.rung = '${GOVERNOR_RUNG}' AND e.at >= $1 AND e.at < $2 AND t.due_at IS NOT NULL
      ORDER BY e.task_id, e.at`,
    [from, to],
  );
  const governorList = listed
    .map((r) => {
      const until = r.status === 'open' ? now : (r.decided_at ?? now);
      const minutes = until > r.due_at ? calendar.businessMinutesBetween(r.due_at, until) : 0;
      return {
        agency: r.agency,
        agencyName: r.agency_name ?? r.agency,
        officeId: r.office_id,
        officeName: r.office_name ?? r.office_id,
        stepId: r.step_id,
        stepName: r.step_name,
        permitType: r.permit_type,
        listedAt: r.listed_at.toISOString(),
        dueAt: r.due_at.toISOString(),
        businessDaysOverdue: Math.floor(minutes / MINUTES_PER_BUSINESS_DAY),
        decided: r.status !== 'open',
      };
    })
    .sort((a, b) => b.businessDaysOverdue - a.businessDaysOverdue || a.agency.localeCompare(b.agency) || a.listedAt.localeCompare(b.listedAt));
  return {
    month,
    from: from.toISOString(),
    to: to.toISOString(),
    agencies: misses.map((m) => ({ agency: m.agency, name: m.name ?? m.agency, missedDeadlines: m.missed, openOverdue: m.open_overdue, governorListed: m.listed })),
    governorList,
  };
}
