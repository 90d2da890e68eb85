// The workflowsPath target: one workflow type per permit definition version, named by workflowTypeOf(def)
// (`permit_<CODE>_v<N>`), generated into ./permits.ts from the definition files (`npm run permit:register`);
// a new version is a new export beside the old one, and running applications keep theirs.
// workflows/registry.spec.ts checks that this list and libs/permits/index.ts agree.
export * from './permits';
export { webhookDelivery } from './delivery/webhook-delivery';
export { notificationDelivery } from './delivery/notification-delivery';
export { applicantNotice } from './delivery/applicant-notice';
export { accountabilityDigest } from './delivery/accountability-digest';
export { complaint } from './complaints/complaint';
export { calendarFanOut } from './delivery/calendar-fan-out';
export { calendarFanOutSweep } from './delivery/calendar-fan-out-sweep';
