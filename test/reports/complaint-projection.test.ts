// Regression guard for the complaint read model: the workflow's projection activity may run twice (a
// worker crash after the write, before Temporal heard of it) or late (an older view after a newer one).
// Neither may lose or duplicate a timeline event, nor turn the row back.
import { createComplaintActivities } from '../../activities/complaint.activities';
import { OutboxNotifier } from '../../activities/notifier';
import type { ComplaintInput, ComplaintView } from '../../workflows/complaints/complaint-messages';
import { ScratchDatabase, scratchDatabase } from './support';

describe('the complaint projection', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await scratchDatabase('complaint_projection');
    await scratch.db.query(
      `INSERT INTO complaint (id, tracking_code, request_hash, channel, office_id, category) VALUES ('PROJ1', 'ADU-PROJ-0001', 'h', 'web', 'kel-31.74.01.1001', 'slow_service')`,
    );
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  const input: ComplaintInput = { complaintId: 'PROJ1', trackingCode: 'ADU-PROJ-0001', category: 'slow_service', officeId: 'kel-31.74.01.1001', applicationId: null, filedAt: '2026-12-01T01:00:00.000Z', inspectorateNotice: null };
  const assigned: ComplaintView = {
    complaintId: 'PROJ1',
    trackingCode: 'ADU-PROJ-0001',
    status: 'assigned',
    responsibleOfficeId: 'kec-31.74.01',
    dueAt: '2026-12-08T01:00:00.000Z',
    firstDueAt: '2026-12-08T01:00:00.000Z',
    overdue: false,
    answers: [],
    reopened: false,
    reopenUntil: null,
    closedAt: null,
    events: [
      { seq: 1, at: '2026-12-01T01:00:00.000Z', type: 'received', actor: 'citizen', note: null },
      { seq: 2, at: '2026-12-01T01:00:01.000Z', type: 'assigned', actor: 'system', note: 'kec-31.74.01' },
    ],
    revision: 3,
  };
  const answered: ComplaintView = {
    ...assigned,
    status: 'answered',
    dueAt: null,
    answers: [{ at: '2026-12-02T03:00:00.000Z', by: 'camat', text: 'Sudah diproses.', onTime: true }],
    reopenUntil: '2026-12-16T03:00:00.000Z',
    events: [...assigned.events, { seq: 3, at: '2026-12-02T03:00:00.000Z', type: 'answered', actor: 'camat', note: 'on time' }],
    revision: 5,
  };

  const row = async () =>
    ((await scratch.db.query(`SELECT status, responsible_office_id, answer, answered_on_time, revision FROM complaint WHERE id = 'PROJ1'`)) as Array<Record<string, unknown>>)[0];
  const events = async () => ((await scratch.db.query(`SELECT seq, type FROM complaint_event WHERE complaint_id = 'PROJ1' ORDER BY seq`)) as Array<{ seq: number; type: string }>).map((e) => `${e.seq}:${e.type}`);

  it('writes each view once, keeps the newest, and never doubles an event', async () => {
    const { projectComplaint } = createComplaintActivities(scratch.db, new OutboxNotifier(scratch.db));
    await projectComplaint({ view: assigned, input });
    await projectComplaint({ view: assigned, input }); // retried after a crash
    expect(await events()).toEqual(['1:received', '2:assigned']);
    await projectComplaint({ view: answered, input });
    await projectComplaint({ view: assigned, input }); // an older view, late
    expect(await row()).toEqual({ status: 'answered', responsible_office_id: 'kec-31.74.01', answer: 'Sudah diproses.', answered_on_time: true, revision: 5 });
    expect(await events()).toEqual(['1:received', '2:assigned', '3:answered']);
  });

  it('assigns a complaint about a kelurahan office to its kecamatan, and one naming an application to its receiving office', async () => {
    const { assignComplaint } = createComplaintActivities(scratch.db, new OutboxNotifier(scratch.db));
    expect(await assignComplaint({ complaintId: 'PROJ1' })).toEqual({ officeId: 'kec-31.74.01' });
    await scratch.db.query(
      `INSERT INTO application (id, tracking_code, permit_type, definition_version, status, submitted_by, receiving_office_id, kelurahan_code, submitted_at, applicant, view, revision)
       VALUES ('APPPROJ', 'PROJ-PROJ-PROJ', 'SKDU', 1, 'in_review', 'i', 'outlet-mall-kota-kasablanka', '31.74.01.1001', now(), '{}', '{}', 1)`,
    );
    await scratch.db.query(
      `INSERT INTO complaint (id, tracking_code, request_hash, channel, office_id, category, application_id) VALUES ('PROJ2', 'ADU-PROJ-0002', 'h', 'web', 'kel-31.74.01.1001', 'other', 'APPPROJ')`,
    );
    expect(await assignComplaint({ complaintId: 'PROJ2' })).toEqual({ officeId: 'outlet-mall-kota-kasablanka' });
  });
});
