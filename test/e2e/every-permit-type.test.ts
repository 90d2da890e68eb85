// Story: for every permit type on offer, an integrator submits the type's own data example through the
// API and every agency approves its open tasks as they come: each application ends `issued`.
import { startPlatform, Platform } from '../support/platform';
import { eventually } from '../support/time-skipping';

describe('every permit type through the API', () => {
  let p: Platform;
  let types: Array<{ code: string; dataSchema: { examples: Array<Record<string, unknown>> } }>;
  beforeAll(async () => {
    p = await startPlatform();
    const admin = await p.token({ role: 'admin' });
    types = (await p.http('GET', '/v1/permit-types', { token: admin })).body.items;
  });
  afterAll(async () => {
    await p?.close();
  });

  it('offers at least eight types', () => {
    expect(types.length).toBeGreaterThanOrEqual(8);
  });

  it('issues each type when every step approves', async () => {
    const outcomes: Record<string, string> = {};
    for (const type of types) {
      const integrator = await p.token({ role: 'integrator', sub: `kiosk-${type.code.toLowerCase()}` });
      const submitted = await p.http('POST', '/v1/applications', {
        token: integrator,
        body: {
          permitType: type.code,
          applicant: { nik: '3171014101900003', name: 'Dewi Lestari' },
          receivingOfficeId: 'outlet-mpp-jakarta',
          location: { kelurahanCode: '31.74.01.1001', address: 'Jl. Tebet Barat 1' },
          data: type.dataSchema.examples[0],
          documents: [],
        },
      });
      expect([type.code, submitted.status]).toEqual([type.code, 201]);
      const id = submitted.body.id;
      for (let round = 0; round < 12; round++) {
        const app = await eventually(
          () => p.http('GET', `/v1/applications/${id}`, { token: integrator }),
          (r) => r.status === 200 && (r.body.status !== 'in_review' || (r.body.openTasks.length > 0 && r.body.openTasks.every((t: any) => t.dueAt))),
          `${type.code}: an open task or an outcome`,
        );
        outcomes[type.code] = app.body.status;
        if (app.body.status !== 'in_review') break;
        for (const t of app.body.openTasks) {
          const approver = await p.token({ role: 'approver', agency: t.agency, office: t.officeId, position: 'head' });
          const r = await p.http('POST', `/v1/tasks/${t.id}/decision`, { token: approver, body: { decision: 'approve' } });
          expect([type.code, t.stepId, r.status]).toEqual([type.code, t.stepId, 200]);
        }
      }
    }
    expect(outcomes).toEqual(Object.fromEntries(types.map((t) => [t.code, 'issued'])));
  });
});
