import { ConflictError, ForbiddenError, NotFoundError, UnavailableError, UnprocessableError, ValidationError } from './errors';
import { ProblemFilter } from './problem';

describe(ProblemFilter.name, () => {
  const sut = new ProblemFilter();

  it('answers 503 when Temporal is unreachable (gRPC UNAVAILABLE), so the client retries', () => {
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    const wrapped = Object.assign(new Error('Failed to start workflow'), { cause: grpc });
    expect(sut.toProblem(wrapped)).toMatchObject({ status: 503, type: expect.stringMatching(/unavailable$/) });
  });

  it('answers 503 when PostgreSQL refuses connections', () => {
    expect(sut.toProblem(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })).status).toBe(503);
    expect(sut.toProblem(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })).status).toBe(503);
  });

  it('keeps other failures a 500 that reveals nothing', () => {
    const p = sut.toProblem(Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: '23505' }));
    expect(p.status).toBe(500);
    expect(p.detail).not.toContain('duplicate');
  });

  it.each([
    [new ValidationError([{ field: 'limit', message: 'too big' }]), 400, 'validation', 'The request is not valid'],
    [new ValidationError([{ field: 'Idempotency-Key', message: 'required' }], { kind: 'idempotency-key-missing', detail: 'send one' }), 400, 'idempotency-key-missing', 'Idempotency-Key header required'],
    [new ForbiddenError('not yours'), 403, 'forbidden', 'Not allowed for this token'],
    [new ForbiddenError('another agency', 'wrong-agency'), 403, 'wrong-agency', 'This task belongs to another agency or office'],
    [new NotFoundError('Task', 'No task X.'), 404, 'not-found', 'Task not found'],
    [new ConflictError('application-closed', 'finished'), 409, 'application-closed', 'The application is closed'],
    [new UnprocessableError('unknown-office', 'no such office'), 422, 'unknown-office', 'Unknown office'],
    [new UnavailableError('restoring'), 503, 'unavailable', 'A backing service is unavailable'],
  ])('renders the domain error %p with its status, type and title', (error, status, kind, title) => {
    expect(sut.toProblem(error)).toEqual(expect.objectContaining({ status, type: `https://satupintu.jakarta.go.id/problems/${kind}`, title, detail: error.message }));
  });

  it('names each failing field of a validation error', () => {
    expect(sut.toProblem(new ValidationError([{ field: 'applicant.nik', message: 'bad' }]))).toMatchObject({
      detail: '1 field(s) failed validation: applicant.nik',
      errors: [{ field: 'applicant.nik', message: 'bad' }],
    });
  });
});
