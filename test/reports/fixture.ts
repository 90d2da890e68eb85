// A fixed read model for the report tests, written straight into PostgreSQL. Every derived column
// (breached, attempt_minutes, points...) is set by hand here, as the projection would have set it;
// test/reports/projection.test.ts checks that the projection does derive them so.
import type { DataSource } from 'typeorm';

/** An instant given in Jakarta time (WIB, UTC+7): '2026-06-02 09:10'. */
export const wib = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+07:00`);

interface AppRow {
  id: string;
  office: string;
  permitType: string;
  status: string;
  submitted: Date;
  decided?: Date;
  due?: Date;
  deemed?: boolean;
  used?: number;
  legal?: number;
}

interface TaskRow {
  id: string;
  app: string;
  permitType: string;
  agency: string;
  office: string;
  status: string;
  attempt?: number;
  assigned: Date;
  due: Date;
  decided?: Date;
  decidedBy?: string;
  used?: number;
  before?: number;
  deadline: number;
  attemptMinutes?: number | null;
  breached: boolean | null;
}

/**
 * Application rows as the projection would leave them, with a view the API can answer (suites that share
 * the test database list applications: a row without one would break their lists).
 */
export async function insertApplications(db: DataSource, rows: AppRow[]): Promise<void> {
  for (const a of rows) {
    const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
    const view = {
      id: a.id,
      trackingCode: `TRK-${a.id}`,
      permitType: a.permitType,
      definitionVersion: 1,
      status: a.status,
      deemedGranted: a.deemed ?? false,
      submittedBy: 'integrator-fixture',
      receivingOfficeId: a.office,
      location: { kelurahanCode: '31.74.01.1001', address: 'Fixture' },
      submittedAt: iso(a.submitted),
      dueAt: iso(a.due),
      applicantDueAt: null,
      decidedAt: iso(a.decided),
      openTasks: [],
      tasks: [],
      timeline: [],
      revision: 1,
    };
    await db.query(
      `INSERT INTO application (id, tracking_code, permit_type, definition_version, status, deemed_granted, submitted_by,
         receiving_office_id, kelurahan_code, submitted_at, due_at, decided_at, applicant, view, revision, legal_deadline_minutes, business_minutes_used)
       VALUES ($1, $2, $3, 1, $4, $5, 'integrator-fixture', $6, '31.74.01.1001', $7, $8, $9, $10, $11, 1, $12, $13)`,
      [a.id, `TRK-${a.id}`, a.permitType, a.status, a.deemed ?? false, a.office, a.submitted, a.due ?? null, a.decided ?? null, JSON.stringify({ nik: '3174010101900009', name: 'Pemohon Fixture' }), JSON.stringify(view), a.legal ?? null, a.used ?? null],
    );
  }
}

export async function insertTasks(db: DataSource, rows: TaskRow[]): Promise<void> {
  for (const t of rows) {
    await db.query(
      `INSERT INTO task (id, application_id, step_id, step_name, attempt, agency, office_id, role, status, assigned_at, due_at,
         decided_at, decided_by, business_minutes_used, deadline_minutes, revision, permit_type, receiving_office_id,
         minutes_before, attempt_minutes, breached)
       VALUES ($1, $2, 'step', 'Step', $3, $4, $5, 'officer', $6, $7, $8, $9, $10, $11, $12, 1, $13, 'prov-31', $14, $15, $16)`,
      [t.id, t.app, t.attempt ?? 1, t.agency, t.office, t.status, t.assigned, t.due, t.decided ?? null, t.decidedBy ?? null, t.used ?? 0, t.deadline, t.permitType, t.before ?? 0, t.attemptMinutes ?? null, t.breached],
    );
  }
}

export async function insertEscalations(db: DataSource, rows: Array<{ id: string; app: string; task: string; agency: string; office: string; rung: string; at: Date }>): Promise<void> {
  for (const e of rows) {
    await db.query(
      `INSERT INTO escalation (id, application_id, task_id, step_id, agency, office_id, rung, notify, public_list, due_at, at)
       VALUES ($1, $2, $3, 'step', $4, $5, $6, 'section_head', false, NULL, $7)`,
      [e.id, e.app, e.task, e.agency, e.office, e.rung, e.at],
    );
  }
}

export async function insertPoints(
  db: DataSource,
  rows: Array<{ task: string; app: string; officer: string; agency: string; office: string; late: number; points: number; at: Date; deadline: number }>,
): Promise<void> {
  for (const p of rows) {
    await db.query(
      `INSERT INTO points (task_id, application_id, officer, agency, office_id, permit_type, step_id, weight, deadline_minutes, late_minutes, points, awarded_at)
       VALUES ($1, $2, $3, $4, $5, 'SLF', 'step', 1, $6, $7, $8, $9)`,
      [p.task, p.app, p.officer, p.agency, p.office, p.deadline, p.late, p.points, p.at],
    );
  }
}

export async function insertComplaints(db: DataSource, rows: Array<{ id: string; office: string; category: string; channel: string; at: Date }>): Promise<void> {
  for (const c of rows) {
    await db.query(
      `INSERT INTO complaint (id, tracking_code, request_hash, channel, office_id, category, created_at) VALUES ($1, $2, 'fixture', $3, $4, $5, $6)`,
      [c.id, `ADU-${c.id.padStart(4, '0')}-0000`, c.channel, c.office, c.category, c.at],
    );
  }
}

/**
 * June 2026 in Jakarta. Four agencies, six offices, three officers' worth of points, five complaints.
 * The figures each report must give are worked out by hand in report-figures.test.ts.
 */
export async function loadJuneFixture(db: DataSource): Promise<void> {
  const far = wib('2099-01-01 00:00');
  // Holders for the tasks: received at the province in April, still open, due far ahead: they add
  // nothing to any office's intake figures.
  await insertApplications(db, [
    { id: 'HPBG', office: 'prov-31', permitType: 'PBG', status: 'in_review', submitted: wib('2026-04-01 08:00'), due: far },
    { id: 'HSLF', office: 'prov-31', permitType: 'SLF', status: 'in_review', submitted: wib('2026-04-01 08:00'), due: far },
    { id: 'HSIP', office: 'prov-31', permitType: 'SIP_DOKTER', status: 'in_review', submitted: wib('2026-04-01 08:00'), due: far },
    { id: 'HSKDU', office: 'prov-31', permitType: 'SKDU', status: 'in_review', submitted: wib('2026-04-01 08:00'), due: far },
  ]);
  const assigned = wib('2026-06-01 08:00');
  const due = wib('2026-06-30 16:00');
  await insertTasks(db, [
    // DCKTRP at the Jakarta Selatan city office, 900-minute steps.
    { id: 'T1', app: 'HPBG', permitType: 'PBG', agency: 'DCKTRP', office: 'kota-31.74', status: 'approved', assigned, due, decided: wib('2026-06-03 10:00'), decidedBy: 'o1', used: 300, deadline: 900, attemptMinutes: 300, breached: false },
    { id: 'T2', app: 'HPBG', permitType: 'PBG', agency: 'DCKTRP', office: 'kota-31.74', status: 'approved', assigned, due, decided: wib('2026-06-04 10:00'), decidedBy: 'o2', used: 1000, deadline: 900, attemptMinutes: 1000, breached: true },
    { id: 'T3', app: 'HSLF', permitType: 'SLF', agency: 'DCKTRP', office: 'kota-31.74', status: 'revision_requested', assigned, due, decided: wib('2026-06-05 10:00'), decidedBy: 'o1', used: 450, deadline: 900, attemptMinutes: 450, breached: false },
    { id: 'T3B', app: 'HSLF', permitType: 'SLF', agency: 'DCKTRP', office: 'kota-31.74', status: 'approved', attempt: 2, assigned, due, decided: wib('2026-06-10 10:00'), decidedBy: 'o2', used: 950, before: 450, deadline: 900, attemptMinutes: 500, breached: true },
    { id: 'T4', app: 'HSLF', permitType: 'SLF', agency: 'DCKTRP', office: 'kota-31.74', status: 'rejected', assigned, due, decided: wib('2026-06-11 10:00'), decidedBy: 'o1', used: 899.5, deadline: 900, attemptMinutes: 899.5, breached: false },
    { id: 'T5', app: 'HSLF', permitType: 'SLF', agency: 'DCKTRP', office: 'kota-31.74', status: 'cancelled', assigned, due: wib('2026-06-11 16:00'), decided: wib('2026-06-12 10:00'), decidedBy: 'system', deadline: 900, breached: true },
    { id: 'T6', app: 'HSLF', permitType: 'SLF', agency: 'DCKTRP', office: 'kota-31.74', status: 'approved', assigned, due, decided: wib('2026-07-02 10:00'), decidedBy: 'o2', used: 2000, deadline: 900, attemptMinutes: 2000, breached: true },
    { id: 'T7', app: 'HSLF', permitType: 'SLF', agency: 'DCKTRP', office: 'kota-31.74', status: 'open', assigned, due: wib('2026-06-20 16:00'), deadline: 900, breached: null },
    { id: 'T8', app: 'HSLF', permitType: 'SLF', agency: 'DCKTRP', office: 'kota-31.74', status: 'open', assigned, due: far, deadline: 900, breached: null },
    { id: 'T9', app: 'HSLF', permitType: 'SLF', agency: 'DCKTRP', office: 'kota-31.74', status: 'open', assigned, due: wib('2026-06-15 16:00'), deadline: 900, breached: null },
    // DINKES at the Jakarta Pusat city office, 1350-minute steps; two closed by deemed grants.
    { id: 'U1', app: 'HSIP', permitType: 'SIP_DOKTER', agency: 'DINKES', office: 'kota-31.71', status: 'approved', assigned, due, decided: wib('2026-06-08 09:00'), decidedBy: 'o4', used: 100, deadline: 1350, attemptMinutes: 100, breached: false },
    { id: 'U2', app: 'HSIP', permitType: 'SIP_DOKTER', agency: 'DINKES', office: 'kota-31.71', status: 'approved', assigned, due, decided: wib('2026-06-09 09:00'), decidedBy: 'o4', used: 200, deadline: 1350, attemptMinutes: 200, breached: false },
    { id: 'U3', app: 'HSIP', permitType: 'SIP_DOKTER', agency: 'DINKES', office: 'kota-31.71', status: 'deemed', assigned, due: wib('2026-06-12 16:00'), decided: wib('2026-06-10 16:00'), decidedBy: 'system', deadline: 1350, breached: false },
    { id: 'U4', app: 'HSIP', permitType: 'SIP_DOKTER', agency: 'DINKES', office: 'kota-31.71', status: 'deemed', assigned, due: wib('2026-06-10 16:00'), decided: wib('2026-06-11 16:00'), decidedBy: 'system', deadline: 1350, breached: true },
    // The kelurahan Tebet Timur, 450-minute steps, both late.
    { id: 'K1', app: 'HSKDU', permitType: 'SKDU', agency: 'KELURAHAN', office: 'kel-31.74.01.1001', status: 'approved', assigned, due, decided: wib('2026-06-15 10:00'), decidedBy: 'o3', used: 600, deadline: 450, attemptMinutes: 600, breached: true },
    { id: 'K2', app: 'HSKDU', permitType: 'SKDU', agency: 'KELURAHAN', office: 'kel-31.74.01.1001', status: 'approved', assigned, due, decided: wib('2026-06-17 10:00'), decidedBy: 'o3', used: 451, deadline: 450, attemptMinutes: 451, breached: true },
    // DLH decided nothing and holds one step overdue.
    { id: 'D1', app: 'HPBG', permitType: 'PBG', agency: 'DLH', office: 'prov-31', status: 'open', assigned, due: wib('2026-06-25 16:00'), deadline: 4500, breached: null },
  ]);
  await insertEscalations(db, [
    { id: 'E1', app: 'HPBG', task: 'T2', agency: 'DCKTRP', office: 'kota-31.74', rung: 'reminder', at: wib('2026-06-02 10:00') },
    { id: 'E2', app: 'HSLF', task: 'T3', agency: 'DCKTRP', office: 'kota-31.74', rung: 'reminder', at: wib('2026-06-03 10:00') },
    { id: 'E3', app: 'HSLF', task: 'T3B', agency: 'DCKTRP', office: 'kota-31.74', rung: 'section_head', at: wib('2026-06-04 10:00') },
    { id: 'E4', app: 'HSLF', task: 'T7', agency: 'DCKTRP', office: 'kota-31.74', rung: 'governor', at: wib('2026-06-20 10:00') },
    { id: 'E5', app: 'HSLF', task: 'T7', agency: 'DCKTRP', office: 'kota-31.74', rung: 'reminder', at: wib('2026-05-20 10:00') },
    { id: 'E6', app: 'HSKDU', task: 'K1', agency: 'KELURAHAN', office: 'kel-31.74.01.1001', rung: 'section_head', at: wib('2026-06-15 09:00') },
    { id: 'E7', app: 'HPBG', task: 'D1', agency: 'DLH', office: 'prov-31', rung: 'reminder', at: wib('2026-06-22 10:00') },
    { id: 'E8', app: 'HPBG', task: 'D1', agency: 'DLH', office: 'prov-31', rung: 'section_head', at: wib('2026-06-25 16:00') },
  ]);
  await insertPoints(db, [
    { task: 'T1', app: 'HPBG', officer: 'o1', agency: 'DCKTRP', office: 'kota-31.74', deadline: 900, late: 0, points: 1, at: wib('2026-06-03 10:00') },
    { task: 'T4', app: 'HSLF', officer: 'o1', agency: 'DCKTRP', office: 'kota-31.74', deadline: 900, late: 0, points: 1, at: wib('2026-06-11 10:00') },
    { task: 'T2', app: 'HPBG', officer: 'o2', agency: 'DCKTRP', office: 'kota-31.74', deadline: 900, late: 100, points: 0.89, at: wib('2026-06-04 10:00') },
    { task: 'T3B', app: 'HSLF', officer: 'o2', agency: 'DCKTRP', office: 'kota-31.74', deadline: 900, late: 50, points: 0.94, at: wib('2026-06-10 10:00') },
    { task: 'T6', app: 'HSLF', officer: 'o2', agency: 'DCKTRP', office: 'kota-31.74', deadline: 900, late: 1100, points: 0.25, at: wib('2026-07-02 10:00') },
    { task: 'K1', app: 'HSKDU', officer: 'o3', agency: 'KELURAHAN', office: 'kel-31.74.01.1001', deadline: 450, late: 150, points: 0.67, at: wib('2026-06-15 10:00') },
    { task: 'K2', app: 'HSKDU', officer: 'o3', agency: 'KELURAHAN', office: 'kel-31.74.01.1001', deadline: 450, late: 1, points: 1, at: wib('2026-06-17 10:00') },
    { task: 'U1', app: 'HSIP', officer: 'o4', agency: 'DINKES', office: 'kota-31.71', deadline: 1350, late: 0, points: 1, at: wib('2026-06-08 09:00') },
    { task: 'U2', app: 'HSIP', officer: 'o4', agency: 'DINKES', office: 'kota-31.71', deadline: 1350, late: 0, points: 1, at: wib('2026-06-09 09:00') },
  ]);
  // Intake and hand-off.
  await insertApplications(db, [
    { id: 'A1', office: 'kel-31.74.01.1001', permitType: 'SKDU', status: 'issued', submitted: wib('2026-06-02 09:10'), decided: wib('2026-06-05 12:00'), due: wib('2026-06-20 16:00'), used: 2000, legal: 2250 },
    { id: 'A2', office: 'kel-31.74.01.1001', permitType: 'SKDU', status: 'rejected', submitted: wib('2026-06-09 09:40'), decided: wib('2026-06-19 12:00'), due: wib('2026-06-19 10:00'), used: 2300, legal: 2250 },
    { id: 'A3', office: 'kel-31.74.01.1001', permitType: 'SKDU', status: 'issued', deemed: true, submitted: wib('2026-06-03 14:05'), decided: wib('2026-06-08 14:05'), due: wib('2026-06-08 14:05'), used: 1350, legal: 1350 },
    { id: 'A7', office: 'kel-31.74.01.1001', permitType: 'SKDU', status: 'issued', submitted: wib('2026-05-20 09:00'), decided: wib('2026-06-04 12:00'), due: wib('2026-06-01 12:00'), used: 500, legal: 450 },
    { id: 'A4', office: 'outlet-mpp-jakarta', permitType: 'SK_PINDAH', status: 'issued', submitted: wib('2026-06-02 10:00'), decided: wib('2026-06-03 12:00'), due: wib('2026-06-03 14:00'), used: 100.4, legal: 450 },
    { id: 'A5', office: 'outlet-mpp-jakarta', permitType: 'SK_PINDAH', status: 'in_review', submitted: wib('2026-06-05 10:00'), due: wib('2026-06-10 16:00') },
    { id: 'A6', office: 'outlet-mpp-jakarta', permitType: 'SK_PINDAH', status: 'in_review', submitted: wib('2026-06-06 11:00'), due: far },
  ]);
  // Saturdays at the Kota Kasablanka mall outlet: 1 at 10h, 3 at 11h, 4 at 12h, 2 at 13h, four weeks.
  const saturdays = ['2026-06-06', '2026-06-13', '2026-06-20', '2026-06-27'];
  const pattern: Array<[number, number]> = [
    [10, 1],
    [11, 3],
    [12, 4],
    [13, 2],
  ];
  const mall: AppRow[] = [];
  for (const day of saturdays) {
    for (const [hour, n] of pattern) {
      for (let i = 0; i < n; i++) {
        mall.push({ id: `M${day.slice(8)}${hour}${i}`, office: 'outlet-mall-kota-kasablanka', permitType: 'SKDU', status: 'in_review', submitted: wib(`${day} ${hour}:${String(10 * i).padStart(2, '0')}`), due: far });
      }
    }
  }
  await insertApplications(db, mall);
  await insertComplaints(db, [
    { id: '1', office: 'kel-31.74.01.1001', category: 'illegal_fee', channel: 'sms', at: wib('2026-06-04 08:00') },
    { id: '2', office: 'kel-31.74.01.1001', category: 'slow_service', channel: 'web', at: wib('2026-06-05 08:00') },
    { id: '3', office: 'kec-31.74.01', category: 'rude_staff', channel: 'app', at: wib('2026-06-06 08:00') },
    { id: '4', office: 'outlet-mpp-jakarta', category: 'other', channel: 'email', at: wib('2026-06-07 08:00') },
    { id: '5', office: 'kel-31.74.01.1002', category: 'illegal_fee', channel: 'web', at: wib('2026-06-08 08:00') },
    { id: '6', office: 'kel-31.74.01.1001', category: 'illegal_fee', channel: 'sms', at: wib('2026-07-04 08:00') },
  ]);
}
