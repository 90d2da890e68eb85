// Escalation ladders shared by the permit definitions. Pure data: bundled into the workflow sandbox.
// Each rung is measured on the step's own business clock (see EscalationRung in libs/permit-dsl/definition.ts).
import type { EscalationRung } from '../permit-dsl/definition';

/**
 * The default ladder of the Jakarta PTSP service standard as we model it:
 *  - at 75 % of the step deadline, a reminder to the officer holding the step;
 *  - at the step deadline, the section head (kepala seksi / kepala satuan pelaksana) is told;
 *  - one business day late, the head of the agency (kepala dinas / camat / lurah);
 *  - three business days late, the governor's office, and the step goes on the public late list.
 * After the last rung the engine repeats it every five business days until the step is decided.
 * It is frozen by definePermit together with the first definition that uses it.
 */
export const DEFAULT_LADDER: EscalationRung[] = [
  { id: 'reminder', notify: 'assignee', atFraction: 0.75 },
  { id: 'section_head', notify: 'section_head', atFraction: 1 },
  { id: 'agency_head', notify: 'agency_head', afterDeadline: { days: 1 } },
  { id: 'governor', notify: 'governor', afterDeadline: { days: 3 }, publicList: true },
];
