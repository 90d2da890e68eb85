// Story: a revision that fixes things, on the real platform (Temporal dev server, PostgreSQL, the API on
// a port). The tourism office sends a TDUP back because the business name does not match the deed; the
// kiosk resubmits the corrected name and the amended deed; the officer who asked reads which field and
// which document changed (names, not values); the step's clock resumes with the time it had left; the
// application is issued. Bad corrections are refused field by field and change nothing; a retried
// resubmission is answered once.
import { randomUUID } from 'node:crypto';
import { CalendarStore } from '../../libs/database/calendar-store';
import { Platform, platformSuite } from '../support/platform';
import { eventually } from '../support/time-skipping';
import { NIK, openTaskOf, projected } from './fixtures/applications';

const PROBLEMS = 'https://satupintu.jakarta.go.id/problems/';
const ktp = { type: 'ktp', url: 'https://files.example.id/ktp.pdf', sha256: 'a'.repeat(64) };
const deed = { type: 'akta_pendirian', url: 'https://files.example.id/akta-2019.pdf', sha256: 'b'.repeat(64) };
const amendedDeed = { type: 'akta_pendirian', url: 'https://files.example.id/akta-perubahan-2024.pdf', sha256: 'c'.repeat(64) };

describe('a revision that corrects the data, through the HTTP API', () => {
  let p: Platform;
  platformSuite((started) => (p = started));

  it('takes the corrected name and deed, shows the officer what changed, resumes the clock with the time left, and issues', async () => {
    // Given a tourism business registration filed by a kiosk with the deed of 2019.
    const sub = `kiosk-revision-${randomUUID()}`;
    const kiosk = await p.token({ role: 'integrator', sub });
    const example = (await p.http('GET', '/v1/permit-types/TDUP', { token: kiosk })).body.dataSchema.examples[0];
    expect(example.businessName).toBe('Kedai Kopi Kota Tua');
    const filed = await p.http('POST', '/v1/applications', {
      token: kiosk,
      body: {
        permitType: 'TDUP',
        applicant: { nik: NIK, name: 'Rina Kusuma', email: 'rina@example.id' },
        receivingOfficeId: 'kel-31.71.01.1001',
        location: { kelurahanCode: '31.71.01.1001', address: 'Jl. Pintu Besar Utara 3' },
        data: example,
        documents: [ktp, deed],
      },
    });
    expect(filed.status).toBe(201);
    const id: string = filed.body.id;
    const verification = await openTaskOf(p, kiosk, id, 'DISPAREKRAF');
    const officer = await p.token({ role: 'approver', agency: 'DISPAREKRAF', office: verification.officeId, sub: `officer-disparekraf-${randomUUID()}` });

    // When the officer sends it back: the name on the form is not the name on the deed.
    const sentBack = await p.http('POST', `/v1/tasks/${verification.id}/decision`, {
      token: officer,
      body: { decision: 'request_revision', note: 'Nama usaha tidak sesuai akta pendirian' },
    });
    expect([sentBack.status, sentBack.body.status]).toEqual([200, 'awaiting_applicant']);
    const first = sentBack.body.tasks.find((t: any) => t.id === verification.id);
    expect(first).toMatchObject({ status: 'revision_requested', attempt: 1 });
    const used: number = first.businessMinutesUsed;

    // Then corrections that do not fit TDUP v1's schema are refused field by field, and change nothing.
    const resubmit = (body: unknown, key = randomUUID()) => p.http('POST', `/v1/applications/${id}/resubmit`, { token: kiosk, body, headers: { 'idempotency-key': key } });
    const badKbli = await resubmit({ data: { businessName: 'Kedai Kopi Kota Tua Jaya', kbli: '5630' } });
    expect([badKbli.status, badKbli.headers.get('content-type'), badKbli.body.type]).toEqual([422, expect.stringContaining('application/problem+json'), `${PROBLEMS}invalid-data`]);
    expect(badKbli.body.errors).toEqual([{ field: 'data.kbli', message: expect.stringContaining('pattern') }]);
    const unknownField = await resubmit({ data: { wifi: true } });
    expect([unknownField.status, unknownField.body.errors]).toEqual([422, [{ field: 'data.wifi', message: 'is not a field of this permit type' }]]);
    const removedRequired = await resubmit({ data: { businessName: null } });
    expect([removedRequired.status, removedRequired.body.errors]).toEqual([422, [{ field: 'data.businessName', message: expect.stringContaining('required') }]]);
    const notAnObject = await resubmit({ data: 'Kedai Kopi Kota Tua Jaya' });
    expect([notAnObject.status, notAnObject.body.type, notAnObject.body.errors?.[0]?.field]).toEqual([400, `${PROBLEMS}validation`, 'data']);
    const still = await p.http('GET', `/v1/applications/${id}`, { token: kiosk });
    expect(still.body.status).toBe('awaiting_applicant');
    expect(still.body.timeline.map((e: any) => e.type)).not.toContain('resubmitted');

    // When the kiosk resubmits the name as the amended deed has it, with the amended deed.
    const key = randomUUID();
    const body = { note: 'Nama usaha disesuaikan dengan akta perubahan', data: { businessName: 'Kedai Kopi Kota Tua Jaya' }, documents: [amendedDeed] };
    const resumed = await resubmit(body, key);
    expect([resumed.status, resumed.body.status]).toEqual([200, 'in_review']);
    const event = resumed.body.timeline.find((e: any) => e.type === 'resubmitted');
    expect(event).toMatchObject({ actor: sub, statusBefore: 'awaiting_applicant', statusAfter: 'in_review', changedFields: ['businessName'], changedDocuments: ['akta_pendirian'] });
    // Names, never values: the corrected name is nowhere in the application's answer.
    expect(resumed.text).not.toContain('Kota Tua Jaya');

    // The step's clock resumes with the time it had left: the next attempt carries the minutes used
    // before the revision, none of the applicant's time, and is due that many minutes short of a full
    // deadline after it opened.
    const second = resumed.body.openTasks.find((t: any) => t.stepId === 'disparekraf_verification');
    expect(second).toMatchObject({ attempt: 2, businessMinutesUsed: used, deadlineMinutes: first.deadlineMinutes });
    const left = second.deadlineMinutes - used;
    // On the working calendar as admins run it, for the step's office: the calendar the worker plans with.
    const calendar = (await new CalendarStore(p.db).current()).forOffice(second.officeId);
    expect(second.dueAt).toBe(calendar.addBusinessMinutes(new Date(second.assignedAt), left).toISOString());

    // A retry of the same resubmission (a flaky network) gets the first answer; one whose first process
    // died before the answer was stored gets the outcome of the same Temporal Update. Either way, one
    // resubmission.
    const replay = await resubmit(body, key);
    expect([replay.status, replay.text, replay.headers.get('idempotent-replayed')]).toEqual([200, resumed.text, 'true']);
    await p.db.query(`UPDATE idempotency_key SET status = NULL, response = NULL, created_at = now() - make_interval(secs => $3) WHERE caller = $1 AND key = $2`, [
      `sub:${sub}`,
      key,
      p.config.http.idempotency.lockSec + 1,
    ]);
    const takenOver = await resubmit(body, key);
    expect([takenOver.status, takenOver.headers.get('idempotent-replayed')]).toEqual([200, null]);
    expect(takenOver.body.timeline.filter((e: any) => e.type === 'resubmitted')).toHaveLength(1);

    // The officer who asked sees the change: in the application's timeline, and in the task they decide,
    // with the corrected data and the amended deed in place of the old one.
    await projected(p, id, (row) => row.revision >= resumed.body.revision);
    const asOfficer = await p.http('GET', `/v1/applications/${id}`, { token: officer });
    expect(asOfficer.body.timeline.find((e: any) => e.type === 'resubmitted')).toMatchObject({ changedFields: ['businessName'], changedDocuments: ['akta_pendirian'] });
    const task = await eventually(
      () => p.http('GET', `/v1/tasks/${second.id}`, { token: officer }),
      (r) => r.status === 200 && r.body.status === 'open',
      'the second attempt in the read model',
    );
    expect(task.body.application.data.businessName).toBe('Kedai Kopi Kota Tua Jaya');
    expect(task.body.application.documents).toEqual([ktp, amendedDeed]);
    expect(task.body.application.resubmissions).toEqual([
      { at: event.at, note: 'Nama usaha disesuaikan dengan akta perubahan', changedFields: ['businessName'], changedDocuments: ['akta_pendirian'] },
    ]);

    // The audit log names them too, once.
    const audited: Array<{ changed_fields: string[]; changed_documents: string[] }> = await p.db.query(
      `SELECT changed_fields, changed_documents FROM audit_log WHERE application_id = $1 AND type = 'resubmitted'`,
      [id],
    );
    expect(audited).toEqual([{ changed_fields: ['businessName'], changed_documents: ['akta_pendirian'] }]);

    // Finally the officer approves, the DPMPTSP head issues, and a new resubmission is refused.
    const approved = await p.http('POST', `/v1/tasks/${second.id}/decision`, { token: officer, body: { decision: 'approve', note: 'Sesuai akta' } });
    expect(approved.status).toBe(200);
    const issuance = await openTaskOf(p, kiosk, id, 'DPMPTSP');
    const head = await p.token({ role: 'approver', agency: 'DPMPTSP', office: issuance.officeId, position: 'head', sub: `head-dpmptsp-${randomUUID()}` });
    const issued = await p.http('POST', `/v1/tasks/${issuance.id}/decision`, { token: head, body: { decision: 'approve' } });
    expect([issued.status, issued.body.status]).toEqual([200, 'issued']);
    const late = await resubmit({ data: { employees: 9 } });
    expect([late.status, late.body.type]).toEqual([409, `${PROBLEMS}application-closed`]);
  });

  it('answers 422 route-change when the corrected data would send the application to another office, and changes nothing', async () => {
    // Given a two-floor house in Cipete Utara: the kecamatan reviews it and asks for a revision.
    const sub = `kiosk-route-${randomUUID()}`;
    const kiosk = await p.token({ role: 'integrator', sub });
    const example = (await p.http('GET', '/v1/permit-types/PBG', { token: kiosk })).body.dataSchema.examples[0];
    expect(example).toMatchObject({ function: 'hunian', floors: 2 });
    const filed = await p.http('POST', '/v1/applications', {
      token: kiosk,
      body: { permitType: 'PBG', applicant: { nik: NIK, name: 'Rina Kusuma' }, receivingOfficeId: 'kel-31.71.01.1001', location: { kelurahanCode: '31.71.01.1001', address: 'Jl. Kebon Sirih 1' }, data: example, documents: [] },
    });
    expect(filed.status).toBe(201);
    const review = await openTaskOf(p, kiosk, filed.body.id, 'KECAMATAN');
    const camatOffice = await p.token({ role: 'approver', agency: 'KECAMATAN', office: review.officeId, sub: `officer-kecamatan-${randomUUID()}` });
    const asked = await p.http('POST', `/v1/tasks/${review.id}/decision`, { token: camatOffice, body: { decision: 'request_revision', note: 'Jumlah lantai tidak sesuai gambar' } });
    expect(asked.status).toBe(200);

    // When the kiosk corrects it to five floors (fine for the schema, but a building the city decides).
    const moved = await p.http('POST', `/v1/applications/${filed.body.id}/resubmit`, { token: kiosk, body: { data: { floors: 5 } } });
    expect([moved.status, moved.headers.get('content-type'), moved.body.type]).toEqual([422, expect.stringContaining('application/problem+json'), `${PROBLEMS}route-change`]);
    expect(moved.body.detail).toContain('withdraw it and file a new application');

    // Then nothing changed: it still waits for the applicant, who may send a correction that keeps the route.
    const kept = await p.http('POST', `/v1/applications/${filed.body.id}/resubmit`, { token: kiosk, body: { data: { floors: 1 } } });
    expect([kept.status, kept.body.status]).toEqual([200, 'in_review']);
    expect(kept.body.timeline.filter((e: any) => e.type === 'resubmitted').map((e: any) => e.changedFields)).toEqual([['floors']]);
  });
});
