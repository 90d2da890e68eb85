// Story: a house building approval (PBG, two floors) lands at the kecamatan. Nobody decides it.
// The ladder climbs on business days: reminder, section head, head of agency, governor's list,
// skipping the weekend; then the kecamatan approves and the camat signs: the permit is issued.
import { WorkflowHandle } from '@temporalio/client';
import { ApplicationView, decideUpdate, PermitInput, viewQuery, workflowIdOf } from '../../workflows/messages';
import { eventually, sleepUntil, TimeSkippingHarness, timeSkippingSuite } from '../support/time-skipping';
import { pbgV1 } from '../../libs/permits/pbg.v1';
import { workflowTypeOf } from '../../libs/permit-dsl/definition';
import { randomUUID } from 'node:crypto';

function input(id: string, data: Record<string, unknown>): PermitInput {
  return {
    applicationId: id,
    trackingCode: `T${id.slice(0, 3)}-${id.slice(3, 7)}-${id.slice(7, 11)}`,
    permitType: 'PBG',
    definitionVersion: 1,
    submittedBy: 'integrator-test',
    receivingOfficeId: 'outlet-mpp-jakarta',
    applicant: { nik: '3174011505900001', name: 'Budi Santoso' },
    location: { kelurahanCode: '31.74.01.1001', address: 'Jl. Tebet Raya 1' },
    jurisdiction: { province: 'prov-31', city: 'kota-31.74', kecamatan: 'kec-31.74.01', kelurahan: 'kel-31.74.01.1001' },
    data,
    documents: [],
  };
}

const newId = () => randomUUID().replace(/-/g, '').toUpperCase().slice(0, 24);
const approver = { sub: 'officer-kec-tebet', role: 'approver' as const, agency: 'KECAMATAN', office: 'kec-31.74.01', position: 'head' as const };

describe('PBG: the escalation ladder on business days', () => {
  let h: TimeSkippingHarness;
  timeSkippingSuite('ladder', (started) => (h = started));

  async function view(handle: WorkflowHandle): Promise<ApplicationView> {
    return handle.query(viewQuery);
  }

  it('climbs reminder, section head, agency head and governor on the right business days, then issues on approval', async () => {
    // Filed on Sunday 20 Dec 2026, 20:00 WIB: the clock starts Monday 21 Dec, 07:30.
    await sleepUntil(h, '2026-12-20T13:00:00Z');
    const id = newId();
    const handle = await h.env.client.workflow.start(workflowTypeOf(pbgV1), {
      workflowId: workflowIdOf(id),
      taskQueue: h.taskQueue,
      args: [input(id, pbgV1.dataSchema.examples![0] as Record<string, unknown>)],
    });
    const first = await eventually(() => view(handle), (v) => v.openTasks.length === 1 && v.openTasks[0].dueAt !== null, 'first task planned');
    expect(first.openTasks[0]).toMatchObject({ stepId: 'kecamatan_technical_review', agency: 'KECAMATAN', officeId: 'kec-31.74.01' });

    // 7 business days of 7.5 h; the ladder sits at 75 %, 100 %, +1 and +3 business days on that clock.
    await h.env.sleep('30 days');
    const late = await view(handle);
    const task = late.openTasks[0];
    expect(task.escalations.slice(0, 4)).toEqual(['reminder', 'section_head', 'agency_head', 'governor']);
    expect(task.overdue).toBe(true);

    // 7 business days = 3150 working minutes. Closed: Thu 24 Dec (cuti bersama), Fri 25 Dec (Christmas),
    // Fri 1 Jan 2027 (New Year), Tue 5 Jan 2027 (Isra Mikraj), and the weekends.
    //   reminder at 75 % = 2363 min: Mon, Tue, Wed (1350), Mon 28, Tue 29 (2250), Wed 30 + 113 min = 09:23 WIB
    //   section head at 100 % = 3150 min: end of Thu 31 Dec, 16:00 WIB
    //   agency head at +1 business day = 3600 min: Mon 4 Jan 2027, 16:00 WIB
    //   governor at +3 business days = 4500 min: Wed 6 and Thu 7 Jan, 16:00 WIB on Thu 7 Jan
    const rows: Array<{ rung: string; at: Date; public_list: boolean }> = await h.db.query(
      `SELECT rung, at, public_list FROM escalation WHERE task_id = $1 ORDER BY at`,
      [task.id],
    );
    expect(rows.slice(0, 4).map((r) => [r.rung, r.at.toISOString(), r.public_list])).toEqual([
      ['reminder', '2026-12-30T02:23:00.000Z', false],
      ['section_head', '2026-12-31T09:00:00.000Z', false],
      ['agency_head', '2027-01-04T09:00:00.000Z', false],
      ['governor', '2027-01-07T09:00:00.000Z', true],
    ]);
    expect(task.dueAt).toBe('2026-12-31T09:00:00.000Z');
    const notifications: Array<{ n: number }> = await h.db.query(`SELECT count(*)::int AS n FROM notification WHERE dedup_key LIKE $1`, [`escalation:${task.id}:%`]);
    expect(notifications[0].n).toBe(rows.length);

    await handle.executeUpdate(decideUpdate, { args: [{ taskId: task.id, decision: 'approve', actor: approver }] });
    const second = await eventually(() => view(handle), (v) => v.openTasks.length === 1 && v.openTasks[0].stepId === 'kecamatan_approval', 'second task');
    await handle.executeUpdate(decideUpdate, {
      args: [{ taskId: second.openTasks[0].id, decision: 'approve', actor: { ...approver, sub: 'camat-tebet' } }],
    });
    const done = await handle.result();
    expect(done.status).toBe('issued');
    expect(done.deemedGranted).toBe(false);
  });
});
