import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Refusal } from '../../../../workflows/messages';
import { ConflictError, ForbiddenError, NotFoundError, UnavailableError } from '../common/errors';
import { metFinishedWorkflow, refusalOf, updateIdOf } from './workflow-errors';

const refused = (type: string, message: string) => new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message, nonRetryable: true }));

describe('refusalOf', () => {
  it("turns each of the workflow's refusals into the domain error of the same meaning", () => {
    expect(refusalOf(refused(Refusal.WrongAgency, 'DINKES only'), 'x')).toEqual(new ForbiddenError('DINKES only', 'wrong-agency'));
    expect(refusalOf(refused(Refusal.WrongPosition, 'a head signs'), 'x')).toEqual(new ForbiddenError('a head signs', 'wrong-position'));
    expect(refusalOf(refused(Refusal.TaskNotOpen, 'decided'), 'x')).toMatchObject({ constructor: ConflictError, kind: 'task-not-open', message: 'decided' });
    expect(refusalOf(refused(Refusal.TaskNotFound, 'no such step'), 'x')).toMatchObject({ constructor: NotFoundError, resource: 'Task' });
  });

  it('answers a call that met a finished workflow as application-closed', () => {
    expect(refusalOf(new WorkflowNotFoundError('', 'application-A', undefined), 'No task T.', true)).toMatchObject({ constructor: ConflictError, kind: 'application-closed' });
  });

  it('answers a workflow that does not exist as an application not found', () => {
    expect(refusalOf(new WorkflowNotFoundError('gone', 'wf', undefined), 'No application A.', false)).toMatchObject({ constructor: NotFoundError, resource: 'Application', message: 'No application A.' });
  });

  it('answers an Update that met a run closing, while the application goes on in a fresh run, as unavailable: a retry reaches the new run', () => {
    const closing = Object.assign(new Error('Update failed'), { cause: new Error('workflow operation can not be applied because workflow is closing') });

    expect(refusalOf(closing, 'x', false)).toMatchObject({ constructor: UnavailableError, kind: 'unavailable' });
    expect(refusalOf(closing, 'x', true)).toMatchObject({ constructor: ConflictError, kind: 'application-closed' });
  });

  it('leaves any other failure as it is', () => {
    const down = new Error('14 UNAVAILABLE');

    expect(refusalOf(down, 'x')).toBe(down);
  });
});

describe('metFinishedWorkflow', () => {
  /** A handle whose describe answers `status`, or fails as for a workflow that is gone; counts the calls. */
  const handle = (status: string | Error) => {
    const calls = { n: 0 };
    const describe = async () => {
      calls.n++;
      if (status instanceof Error) throw status;
      return { status: { name: status } } as never;
    };
    return { calls, describe };
  };

  it("takes the server's words for it, along the causes, without asking again", async () => {
    const h = handle('RUNNING');
    const closed = Object.assign(new Error('Update failed'), { cause: new Error('workflow execution already completed') });

    await expect(metFinishedWorkflow(closed, h)).resolves.toBe(true);
    await expect(metFinishedWorkflow(new Error('update was aborted by closing workflow'), h)).resolves.toBe(true);
    expect(h.calls.n).toBe(0);
  });

  it('asks the server when an Update met a run closing: the end of the application, or its hand-over to a fresh run', async () => {
    const closing = new Error('workflow operation can not be applied because workflow is closing');

    await expect(metFinishedWorkflow(closing, handle('COMPLETED'))).resolves.toBe(true);
    await expect(metFinishedWorkflow(closing, handle('RUNNING'))).resolves.toBe(false);
  });

  it('asks the server when a "not found" comes without words (the native connection), and only then', async () => {
    const bare = new WorkflowNotFoundError('', 'application-A', undefined);

    await expect(metFinishedWorkflow(bare, handle('COMPLETED'))).resolves.toBe(true);
    await expect(metFinishedWorkflow(bare, handle('TERMINATED'))).resolves.toBe(true);
    await expect(metFinishedWorkflow(bare, handle('RUNNING'))).resolves.toBe(false);
    await expect(metFinishedWorkflow(bare, handle(new WorkflowNotFoundError('gone', 'application-A', undefined)))).resolves.toBe(false);
    const other = handle('COMPLETED');
    await expect(metFinishedWorkflow(new Error('14 UNAVAILABLE'), other)).resolves.toBe(false);
    expect(other.calls.n).toBe(0);
  });
});

describe('updateIdOf', () => {
  it('names the same Update for the same caller and key, and another for another caller', () => {
    expect(updateIdOf('decision', 'a', 'k')).toBe(updateIdOf('decision', 'a', 'k'));
    expect(updateIdOf('decision', 'a', 'k')).not.toBe(updateIdOf('decision', 'b', 'k'));
    expect(updateIdOf('decision', 'a', 'k')).not.toBe(updateIdOf('withdraw', 'a', 'k'));
  });
});
