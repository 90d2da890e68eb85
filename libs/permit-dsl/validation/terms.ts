// The terms of a definition besides its data and flow: the fee, the required documents and the
// escalation ladder.
import { EscalationRung, MINUTES_PER_BUSINESS_DAY, rungOffsetMinutes, toBusinessMinutes } from '../definition';
import { Add, durationProblem, isDurationShape, isRecord, nonEmptyString, show } from './shared';

/** Rung ids are keyed as `<id>#<n>` for repeats and `<task>:<id>` for idempotency: keep `#` and `:` out. */
const RUNG_ID_RE = /^[a-z][a-z0-9_-]*$/;
const NOTIFY = ['assignee', 'section_head', 'agency_head', 'governor'];
/** Rung order is checked on a step of this length; fractions and after-deadline offsets sort the same on any length. */
const NOMINAL_STEP_MINUTES = 10 * MINUTES_PER_BUSINESS_DAY;

export function checkFee(fee: unknown, add: Add): void {
  if (!isRecord(fee)) {
    add('fee', 'must be { amount, currency, legalBasis }');
    return;
  }
  if (typeof fee.amount !== 'number' || !Number.isInteger(fee.amount) || fee.amount < 0) {
    add('fee.amount', 'must be a whole number of rupiah, 0 or more');
  }
  if (fee.currency !== 'IDR') add('fee.currency', "must be 'IDR'");
  if (!nonEmptyString(fee.legalBasis)) add('fee.legalBasis', 'must name the regulation that sets the fee (or exempts it)');
}

export function checkDocuments(docs: unknown, add: Add): void {
  if (!Array.isArray(docs)) {
    add('requiredDocuments', 'must be an array of { type, name }');
    return;
  }
  const seen = new Map<string, number>();
  docs.forEach((doc, i) => {
    const path = `requiredDocuments[${i}]`;
    if (!isRecord(doc)) {
      add(path, 'must be { type, name }');
      return;
    }
    if (!nonEmptyString(doc.type)) add(`${path}.type`, 'must be a non-empty string');
    else if (seen.has(doc.type)) add(`${path}.type`, `duplicate document type ${show(doc.type)} (first at requiredDocuments[${seen.get(doc.type)}])`);
    else seen.set(doc.type, i);
    if (!nonEmptyString(doc.name)) add(`${path}.name`, 'must be a non-empty string');
  });
}

export function checkEscalation(ladder: unknown, add: Add): void {
  if (!Array.isArray(ladder) || ladder.length === 0) {
    add('escalation', 'must hold at least one rung (an open step always waits for its next rung)');
    return;
  }
  const ids = new Map<string, number>();
  let previous: { offset: number; id: string; index: number } | undefined;
  ladder.forEach((rung: unknown, i) => {
    const path = `escalation[${i}]`;
    if (!isRecord(rung)) {
      add(path, 'must be an escalation rung');
      return;
    }
    if (typeof rung.id !== 'string' || !RUNG_ID_RE.test(rung.id)) add(`${path}.id`, 'must be a lowercase letter, then lowercase letters, digits, _ or -');
    else if (ids.has(rung.id)) add(`${path}.id`, `duplicate rung id ${show(rung.id)} (first at escalation[${ids.get(rung.id)}])`);
    else ids.set(rung.id, i);
    if (!NOTIFY.includes(rung.notify as string)) add(`${path}.notify`, `must be one of ${NOTIFY.map(show).join(', ')}`);
    if (rung.publicList !== undefined && typeof rung.publicList !== 'boolean') add(`${path}.publicList`, 'must be a boolean');

    const hasFraction = rung.atFraction !== undefined;
    const hasAfter = rung.afterDeadline !== undefined;
    if (hasFraction === hasAfter) {
      add(path, 'must set exactly one of atFraction and afterDeadline');
      return;
    }
    if (hasFraction) {
      const f = rung.atFraction;
      if (typeof f !== 'number' || !(f > 0 && f <= 1)) {
        add(`${path}.atFraction`, 'must be a number greater than 0 and at most 1');
        return;
      }
    } else if (!isDurationShape(rung.afterDeadline) || toBusinessMinutes(rung.afterDeadline) < 0) {
      add(`${path}.afterDeadline`, durationProblem(rung.afterDeadline, true));
      return;
    }
    const offset = rungOffsetMinutes(rung as unknown as EscalationRung, NOMINAL_STEP_MINUTES);
    if (previous && offset < previous.offset) {
      add(
        path,
        `rungs must be sorted by when they fire: this one fires at ${offset} business minutes of a ${NOMINAL_STEP_MINUTES}-minute step, ` +
          `before escalation[${previous.index}] (${show(previous.id)}, at ${previous.offset})`,
      );
    } else previous = { offset, id: String(rung.id), index: i };
  });
}
