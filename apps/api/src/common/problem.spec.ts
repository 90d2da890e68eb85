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
});
