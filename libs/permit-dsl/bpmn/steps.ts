// Tasks → steps: the step's id, agency (its lane), role, jurisdiction and deadline (the attached timer's
// ISO-8601 duration, read as BUSINESS time), from our documentation where the diagram carries it.
import { BusinessDuration, Jurisdiction, MINUTES_PER_BUSINESS_DAY, StepDef, toBusinessMinutes } from '../definition';
import { isBusinessDuration } from './common';
import { BpmnModel, docJson, El, Json, label, short, snakeCase, TASK_TYPES } from './read';

const DEFAULT_STEP_DEADLINE = { days: 5 };
const JURISDICTIONS: Jurisdiction[] = ['province', 'city', 'kecamatan', 'kelurahan'];

/** The DSL ids of tasks and split gateways, unique across the flow. */
export class NodeIds {
  private readonly used = new Set<string>();

  constructor(private readonly model: BpmnModel) {}

  /** The id our export recorded, else the element id when it is already snake_case, else one made from its name. */
  take(el: El, ours: Json | undefined, prefix: string): string {
    let id: string;
    if (typeof ours?.id === 'string') id = ours.id;
    else if (ours || /^[a-z][a-z0-9_]*$/.test(el.id ?? '')) id = el.id!;
    else id = snakeCase(el.name ?? '', prefix) || snakeCase(el.id ?? '', prefix) || prefix;
    if (this.used.has(id)) {
      let n = 2;
      while (this.used.has(`${id}_${n}`)) n++;
      const what = `${short(el.$type)} ${label(el)}`;
      this.model.todos.add('diagram', `${what} is reached from several places or shares its id; imported again as ${id}_${n}`);
      id = `${id}_${n}`;
    }
    this.used.add(id);
    return id;
  }
}

export function readStep(el: El, model: BpmnModel, ids: NodeIds): StepDef {
  const todo = (message: string) => model.todos.add(anchor, message);
  const doc = docJson(el);
  const id = ids.take(el, doc && ('agency' in doc || 'role' in doc || 'deadline' in doc) ? doc : undefined, 'step');
  const anchor = `step ${id}`;
  if (!TASK_TYPES.includes(el.$type)) todo(`was a ${short(el.$type)}: every step is a decision by an officer of the agency`);

  const name = el.name?.trim() || id;
  if (!el.name?.trim()) todo('the task has no name');

  let agency = model.agencyOf.get(el.id!);
  if (!agency) {
    agency = typeof doc?.agency === 'string' ? doc.agency : 'TODO';
    if (!doc?.agency) todo('the task is in no lane: set the agency code');
  }

  let role: StepDef['role'];
  if (doc?.role === 'officer' || doc?.role === 'head') role = doc.role;
  else {
    role = /(kepala|head|sign|tanda ?tangan|penandatangan|pengesahan|penetapan|approv)/i.test(name) ? 'head' : 'officer';
    todo(`role "${role}" guessed from the task name: officer or head?`);
  }

  let jurisdiction: Jurisdiction | undefined;
  if (typeof doc?.jurisdiction === 'string' && JURISDICTIONS.includes(doc.jurisdiction as Jurisdiction)) {
    jurisdiction = doc.jurisdiction as Jurisdiction;
  } else if (!doc) {
    todo(`which office decides? jurisdiction is ${JURISDICTIONS.join(' | ')} (default province)`);
  }

  const timer = timerDeadline(el, model, anchor);
  const documented = isBusinessDuration(doc?.deadline) ? doc.deadline : undefined;
  let deadline: BusinessDuration = { ...DEFAULT_STEP_DEADLINE };
  if (timer && documented && toBusinessMinutes(timer) === toBusinessMinutes(documented)) deadline = documented;
  else if (timer) deadline = timer;
  else if (documented) deadline = documented;
  else todo(`no deadline (a timer boundary event with a duration); used ${DEFAULT_STEP_DEADLINE.days} business days`);

  // key order as in a hand-written definition
  return {
    kind: 'step',
    id,
    name,
    agency,
    ...(jurisdiction ? { jurisdiction } : {}),
    role,
    deadline,
    ...(typeof doc?.weight === 'number' ? { weight: doc.weight } : {}),
    ...(typeof doc?.weightReason === 'string' ? { weightReason: doc.weightReason } : {}),
  };
}

function timerDeadline(task: El, model: BpmnModel, anchor: string): BusinessDuration | undefined {
  const todo = (message: string) => model.todos.add(anchor, message);
  const all = model.boundaries.get(task.id!) ?? [];
  const timers = all.filter((b) => b.eventDefinitions?.some((d) => d.$type === 'bpmn:TimerEventDefinition'));
  for (const b of all.filter((x) => !timers.includes(x))) {
    todo(`boundary event ${label(b)} (${(b.eventDefinitions ?? []).map((d) => short(d.$type)).join(', ') || 'none'}) ignored`);
  }
  if (!timers.length) return undefined;
  if (timers.length > 1) todo(`${timers.length} timer boundary events; the deadline is read from ${label(timers[0])}`);
  const def = timers[0].eventDefinitions!.find((d) => d.$type === 'bpmn:TimerEventDefinition')!;
  const text = def.timeDuration?.body?.trim();
  if (!text) {
    todo(`timer ${label(timers[0])} has no duration (timeDate/timeCycle cannot be a step deadline)`);
    return undefined;
  }
  const parsed = parseBusinessDuration(text);
  if (!parsed) {
    todo(`timer duration ${JSON.stringify(text)} is not an ISO-8601 duration`);
    return undefined;
  }
  if (parsed.note) todo(parsed.note);
  return parsed.duration;
}

const ISO_DURATION =
  /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

/**
 * An ISO-8601 duration read as BUSINESS time: a day is a 7.5-hour working day, a week 5 working days.
 * `P5D` → 5 days, `PT4H` → 4 hours, `PT30M` → 30 minutes; mixed units become the largest unit that holds
 * them in whole numbers (`P1DT7H30M` → 2 days, `PT1H30M` → 90 minutes).
 */
export function parseBusinessDuration(text: string): { duration: BusinessDuration; note?: string } | undefined {
  const m = ISO_DURATION.exec(text.trim());
  if (!m || text.trim() === 'P' || /T$/i.test(text.trim())) return undefined;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((x) => (x ? Number(x.replace(',', '.')) : 0));
  let note: string | undefined;
  if (y || mo) note = `duration ${text} has years/months; counted as 20 business days a month`;
  else if (w) note = `duration ${text} has weeks; counted as 5 business days a week`;
  else if (s) note = `duration ${text} has seconds; rounded to minutes`;
  const days = (y * 12 + mo) * 20 + w * 5 + d;
  const result = (duration: BusinessDuration) => (note ? { duration, note } : { duration });
  if (days && !h && !mi && !s) return result({ days });
  if (!days && h && !mi && !s) return result({ hours: h });
  if (!days && !h && !s) return result({ minutes: mi });
  // mixed units: the largest unit that holds it in whole numbers
  const minutes = Math.round(days * MINUTES_PER_BUSINESS_DAY + h * 60 + mi + s / 60);
  if (minutes % MINUTES_PER_BUSINESS_DAY === 0) return result({ days: minutes / MINUTES_PER_BUSINESS_DAY });
  if (minutes % 60 === 0) return result({ hours: minutes / 60 });
  return result({ minutes });
}
