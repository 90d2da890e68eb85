import { WorkflowNotFoundError } from '@temporalio/client';
import { ConflictError, NotFoundError, UnavailableError } from '../common/errors';
import { complaintRefusalOf } from './complaint-workflows';

describe('complaintRefusalOf', () => {
  const closing = Object.assign(new Error('Update failed'), { cause: new Error('workflow operation can not be applied because workflow is closing') });

  it('answers a complaint whose workflow has finished as closed for good, whatever the server said', () => {
    expect(complaintRefusalOf(closing, 'answered', true)).toMatchObject({ constructor: ConflictError, kind: 'complaint-closed' });
    expect(complaintRefusalOf(new WorkflowNotFoundError('', 'complaint-C', undefined), 'closed', false)).toMatchObject({ constructor: ConflictError, kind: 'complaint-closed' });
  });

  it('answers an Update that met the workflow closing while the server still shows it running as unavailable, to be retried', () => {
    expect(complaintRefusalOf(closing, 'answered', false)).toMatchObject({ constructor: UnavailableError, kind: 'unavailable' });
  });

  it('answers a complaint with no workflow as not found, and leaves any other failure as it is', () => {
    expect(complaintRefusalOf(new WorkflowNotFoundError('gone', 'complaint-C', undefined), 'open', false)).toMatchObject({ constructor: NotFoundError, resource: 'Complaint' });
    const down = new Error('14 UNAVAILABLE');
    expect(complaintRefusalOf(down, 'open', false)).toBe(down);
  });
});
