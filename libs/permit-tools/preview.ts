// `npm run permit:preview`: what a definition does with some data filed at some instant, before it ships.
// The route the data takes, and every step with its agency, the office that decides, when it is due and
// when its ladder escalates, on the real working calendar (holidays, cuti bersama, Ramadan hours), and the
// legal deadline. Every instant is computed by planDeadlines of libs/calendar, the function the engine's
// clock uses (workflows/engine/clock.ts), from the same business minutes (rungOffsetMinutes,
// toBusinessMinutes). Each step is assumed to start when the previous one is due: the latest it can run.
import { BusinessCalendar, JAKARTA_UTC_OFFSET_MINUTES, jakartaLocalDate, MINUTES_PER_BUSINESS_DAY, planDeadlines } from '../calendar';
import { type Jurisdiction, type PermitDefinition, rungOffsetMinutes, type StepDef, toBusinessMinutes } from '../permit-dsl/definition';
import type { Agency } from './check';
import { type ChoiceTaken, routeOf, type RouteNode } from './routes';

export interface PreviewRung {
  id: string;
  notify: string;
  at: Date;
  publicList: boolean;
}

export interface PreviewStep {
  id: string;
  name: string;
  agency: string;
  agencyName: string;
  office: string;
  role: StepDef['role'];
  /** The parallel block it runs in, when it runs beside others. */
  parallel?: string;
  deadlineMinutes: number;
  start: Date;
  due: Date;
  rungs: PreviewRung[];
}

export interface Preview {
  def: Readonly<PermitDefinition>;
  data: Record<string, unknown>;
  filedAt: Date;
  choices: ChoiceTaken[];
  steps: PreviewStep[];
  legalDeadline: Date;
  /** Closed days between filing and the last instant shown: weekends, holidays, cuti bersama. */
  closedDays: Array<{ date: string; name: string; kind: string }>;
}

const OFFICE: Record<Jurisdiction, string> = {
  province: 'province-wide (dinas/badan)',
  city: "city office of the location (suku dinas / walikota)",
  kecamatan: "kecamatan office of the location",
  kelurahan: "kelurahan office of the location",
};

export function preview(
  def: Readonly<PermitDefinition>,
  opts: { data?: Record<string, unknown>; at: Date; agencies: ReadonlyArray<Agency>; calendar?: BusinessCalendar },
): Preview {
  const calendar = opts.calendar ?? new BusinessCalendar();
  const data = opts.data ?? ((def.dataSchema.examples?.[0] ?? {}) as Record<string, unknown>);
  const route = routeOf(def.flow, data);
  const names = new Map(opts.agencies.map((a) => [a.code, a.name]));
  const steps: PreviewStep[] = [];
  const plan = (from: Date, items: Array<{ key: string; minutes: number }>) => planDeadlines(calendar, { from: from.toISOString(), items });

  const walk = (node: RouteNode, start: Date, parallel?: string): Date => {
    switch (node.kind) {
      case 'step': {
        const s = node.step;
        const minutes = toBusinessMinutes(s.deadline);
        const planned = plan(start, [{ key: 'due', minutes }, ...def.escalation.map((r) => ({ key: r.id, minutes: rungOffsetMinutes(r, minutes) }))]);
        const due = new Date(planned.due);
        steps.push({
          id: s.id,
          name: s.name,
          agency: s.agency,
          agencyName: names.get(s.agency) ?? s.agency,
          office: OFFICE[s.jurisdiction ?? 'province'],
          role: s.role,
          ...(parallel ? { parallel } : {}),
          deadlineMinutes: minutes,
          start,
          due,
          rungs: def.escalation.map((r) => ({ id: r.id, notify: r.notify, at: new Date(planned[r.id]), publicList: r.publicList ?? false })),
        });
        return due;
      }
      case 'sequence':
        return node.steps.reduce((t, n) => walk(n, t, parallel), start);
      case 'parallel':
        return node.branches.map((b) => walk(b, start, node.id)).reduce((a, b) => (b > a ? b : a), start);
    }
  };
  const end = walk(route.node, opts.at);
  const legalDeadline = new Date(plan(opts.at, [{ key: 'due', minutes: toBusinessMinutes(def.deadline) }]).due);
  const last = [end, legalDeadline, ...steps.flatMap((s) => s.rungs.map((r) => r.at))].reduce((a, b) => (b > a ? b : a));
  const closedDays: Preview['closedDays'] = [];
  for (let d = jakartaLocalDate(opts.at); d <= jakartaLocalDate(last); d = nextDate(d)) {
    const closed = calendar.closedDay(d);
    if (closed) closedDays.push({ date: d, name: closed.name, kind: closed.kind });
  }
  return { def, data, filedAt: opts.at, choices: route.choices, steps, legalDeadline, closedDays };
}

function nextDate(localDate: string): string {
  const t = Date.parse(`${localDate}T00:00:00Z`) + 24 * 3600 * 1000;
  return new Date(t).toISOString().slice(0, 10);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon 28 Dec 2026 08:30 WIB`: an instant as Jakarta reads it. */
export function jakartaTime(at: Date): string {
  const local = new Date(at.getTime() + JAKARTA_UTC_OFFSET_MINUTES * 60_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${WEEKDAYS[local.getUTCDay()]} ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${hh}:${mm} WIB`;
}

export const workingTime = (minutes: number): string =>
  minutes % MINUTES_PER_BUSINESS_DAY === 0 ? `${minutes / MINUTES_PER_BUSINESS_DAY} working day${minutes === MINUTES_PER_BUSINESS_DAY ? '' : 's'}` : `${minutes / 60} working hours`;

export function formatPreview(p: Preview): string {
  const out: string[] = [];
  out.push(`${p.def.code} v${p.def.version}: ${p.def.name.id} (${p.def.name.en})${p.def.retired ? ' [retired: takes no new application]' : ''}`);
  out.push(`filed ${jakartaTime(p.filedAt)} with data ${JSON.stringify(p.data)}`);
  out.push('');
  out.push('route:');
  if (p.choices.length === 0) out.push('  a single route (no choice)');
  for (const c of p.choices) out.push(`  choice '${c.choice}': ${c.branch === 'otherwise' ? 'otherwise' : c.branch === 'none' ? 'no branch holds, skipped' : `branch ${c.branch + 1}, '${c.label}'`}`);
  out.push('');
  out.push('steps (each starting when the one before is due, the latest it can run):');
  for (const s of p.steps) {
    out.push(`  ${s.id}${s.parallel ? ` (in parallel block '${s.parallel}')` : ''}: ${s.name}`);
    out.push(`    agency ${s.agency} (${s.agencyName}), ${s.office}, decided by ${s.role === 'head' ? 'the head' : 'an officer'}`);
    out.push(`    from ${jakartaTime(s.start)}, ${workingTime(s.deadlineMinutes)}, due ${jakartaTime(s.due)}`);
    for (const r of s.rungs) out.push(`      escalation '${r.id}' to ${r.notify}${r.publicList ? ' (public late list)' : ''}: ${jakartaTime(r.at)}`);
  }
  out.push('');
  out.push(`legal deadline: ${jakartaTime(p.legalDeadline)} (${workingTime(toBusinessMinutes(p.def.deadline))}; then ${p.def.onHardDeadline === 'deem-granted' ? 'deemed granted' : "escalated to the governor's office"})`);
  out.push('');
  out.push('closed days on the way:');
  if (p.closedDays.length === 0) out.push('  none');
  for (const d of p.closedDays) out.push(`  ${jakartaTime(new Date(`${d.date}T00:00:00+07:00`)).slice(0, -10)}: ${d.name} (${d.kind})`);
  return `${out.join('\n')}\n`;
}
