import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Refusal } from '../../../../workflows/messages';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors';
import { refusalOf, updateIdOf } from './workflow-errors';

const refused = (type: string, message: string) => new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message, nonRetryable: true }));

describe('refusalOf', () => {
  it("turns each of the workflow's refusals into the domain error of the same meaning", () => {
    expect(refusalOf(refused(Refusal.WrongAgency, 'DINKES only'), 'x')).toEqual(new ForbiddenError('DINKES only', 'wrong-agency'));
    expect(refusalOf(refused(Refusal.WrongPosition, 'a head signs'), 'x')).toEqual(new ForbiddenError('a head signs', 'wrong-position'));
    expect(refusalOf(refused(Refusal.TaskNotOpen, 'decided'), 'x')).toMatchObject({ constructor: ConflictError, kind: 'task-not-open', message: 'decided' });
    expect(refusalOf(refused(Refusal.TaskNotFound, 'no such step'), 'x')).toMatchObject({ constructor: NotFoundError, resource: 'Task' });
  });

  it('answers an Update that met a finished workflow as application-closed, whenever it arrived', () => {
    const closed = Object.assign(new Error('Update failed'), { cause: new Error('workflow execution already completed') });

    expect(refusalOf(closed, 'x')).toMatchObject({ constructor: ConflictError, kind: 'application-closed' });
  });

  it("answers application-closed for a \"not found\" without the server's words when the workflow was found finished", () => {
    // What the native connection throws for an Update sent to a completed workflow: no message, no cause.
    const bare = new WorkflowNotFoundError('', 'application-A', undefined);

    expect(refusalOf(bare, 'No task T.', true)).toMatchObject({ constructor: ConflictError, kind: 'application-closed' });
    expect(refusalOf(bare, 'No task T.', false)).toMatchObject({ constructor: NotFoundError, resource: 'Application' });
  });

  it('answers a workflow that does not exist as an application not found', () => {
    expect(refusalOf(new WorkflowNotFoundError('gone', 'wf', undefined), 'No application A.')).toMatchObject({ constructor: NotFoundError, resource: 'Application', message: 'No application A.' });
  });

  it('leaves any other failure as it is', () => {
    const down = new Error('14 UNAVAILABLE');

    expect(refusalOf(down, 'x')).toBe(down);
  });
});

describe('updateIdOf', () => {
  it('names the same Update for the same caller and key, and another for another caller', () => {
    expect(updateIdOf('decision', 'a', 'k')).toBe(updateIdOf('decision', 'a', 'k'));
    expect(updateIdOf('decision', 'a', 'k')).not.toBe(updateIdOf('decision', 'b', 'k'));
    expect(updateIdOf('decision', 'a', 'k')).not.toBe(updateIdOf('withdraw', 'a', 'k'));
  });
});
