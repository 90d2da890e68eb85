import * as workflows from './index';
import { DEFINITIONS } from '../libs/permits';
import { workflowTypeOf } from '../libs/permit-dsl/definition';

describe('workflow registry', () => {
  it('registers exactly one workflow type per definition version, named permit_<CODE>_v<N>, beside the webhook, notification and applicant notice deliveries, the accountability digest, the complaint workflow and the calendar fan-out and its sweep', () => {
    const exported = Object.keys(workflows).sort();
    expect(exported).toEqual([...DEFINITIONS.map(workflowTypeOf), 'accountabilityDigest', 'applicantNotice', 'calendarFanOut', 'calendarFanOutSweep', 'complaint', 'notificationDelivery', 'webhookDelivery'].sort());
  });
});
