// The SLA wall's givens, written straight into a read model: open step attempts of SKDU (both versions)
// and PBG, some overdue by their due instant and some marked overdue by the engine, some closed; and
// decisions over June 2026 for the weekly on-time rate. The counts each step must show are in WALL_COUNTS.
import type { DataSource } from 'typeorm';
import { wib } from './fixture';

const PAST = new Date(Date.now() - 3 * 86_400_000);
const FUTURE = new Date(Date.now() + 30 * 86_400_000);
const OFFICE = 'kel-31.74.04.1003';

interface WallTask {
  id: string;
  app: string;
  step: string;
  agency: string;
  status?: string;
  due: Date;
  overdue?: boolean;
  decided?: Date;
  breached?: boolean | null;
}

const APPS: Array<{ id: string; permitType: string; version: number; status: string }> = [
  { id: 'WALL-A1', permitType: 'SKDU', version: 2, status: 'in_review' },
  { id: 'WALL-A2', permitType: 'SKDU', version: 2, status: 'in_review' },
  { id: 'WALL-A3', permitType: 'SKDU', version: 1, status: 'in_review' },
  { id: 'WALL-A4', permitType: 'PBG', version: 1, status: 'in_review' },
  { id: 'WALL-A5', permitType: 'SKDU', version: 2, status: 'awaiting_applicant' },
  { id: 'WALL-A6', permitType: 'SKDU', version: 1, status: 'issued' },
];

const OPEN: WallTask[] = [
  { id: 'WALL-T1', app: 'WALL-A1', step: 'kelurahan_verification', agency: 'KELURAHAN', due: PAST },
  { id: 'WALL-T2', app: 'WALL-A2', step: 'kelurahan_verification', agency: 'KELURAHAN', due: FUTURE, overdue: true },
  { id: 'WALL-T3', app: 'WALL-A5', step: 'kelurahan_verification', agency: 'KELURAHAN', due: FUTURE },
  { id: 'WALL-T4', app: 'WALL-A1', step: 'site_visit', agency: 'KELURAHAN', due: FUTURE },
  { id: 'WALL-T5', app: 'WALL-A1', step: 'lurah_signature', agency: 'KELURAHAN', due: PAST },
  { id: 'WALL-T6', app: 'WALL-A2', step: 'lurah_signature', agency: 'KELURAHAN', due: PAST },
  { id: 'WALL-T7', app: 'WALL-A3', step: 'lurah_signature', agency: 'KELURAHAN', due: PAST },
  { id: 'WALL-T8', app: 'WALL-A4', step: 'city_approval', agency: 'DCKTRP', due: PAST },
  { id: 'WALL-T9', app: 'WALL-A4', step: 'city_approval', agency: 'DCKTRP', due: FUTURE },
  { id: 'WALL-T10', app: 'WALL-A4', step: 'city_approval', agency: 'DCKTRP', due: FUTURE },
  { id: 'WALL-T11', app: 'WALL-A4', step: 'city_approval', agency: 'DCKTRP', due: FUTURE },
];

/** Closed attempts: never counted as open, whatever their due time; June 2026 for the weekly rate. */
const CLOSED: WallTask[] = [
  { id: 'WALL-C1', app: 'WALL-A6', step: 'lurah_signature', agency: 'KELURAHAN', status: 'approved', due: PAST, overdue: true, decided: wib('2026-06-02 10:00'), breached: false },
  { id: 'WALL-C2', app: 'WALL-A6', step: 'kelurahan_verification', agency: 'KELURAHAN', status: 'approved', due: PAST, decided: wib('2026-06-03 10:00'), breached: false },
  { id: 'WALL-C3', app: 'WALL-A4', step: 'kecamatan_approval', agency: 'KECAMATAN', status: 'approved', due: PAST, decided: wib('2026-06-05 15:00'), breached: true },
  { id: 'WALL-C4', app: 'WALL-A4', step: 'kecamatan_technical_review', agency: 'KECAMATAN', status: 'rejected', due: PAST, decided: wib('2026-06-09 09:00'), breached: false },
  // Sunday 28 June, 23:30 in Jakarta: still the week of Monday 22 June (16:30 UTC).
  { id: 'WALL-C5', app: 'WALL-A4', step: 'city_technical_consultation', agency: 'DCKTRP', status: 'approved', due: PAST, decided: wib('2026-06-28 23:30'), breached: true },
  // Monday 29 June, 00:30 in Jakarta: the next week, though still 28 June in UTC.
  { id: 'WALL-C6', app: 'WALL-A4', step: 'city_approval', agency: 'DCKTRP', status: 'approved', due: PAST, decided: wib('2026-06-29 00:30'), breached: false },
];

/** What the wall must show: permit type, version, step → open, overdue. */
export const WALL_COUNTS = [
  { permitType: 'PBG', version: 1, stepId: 'city_approval', open: 4, overdue: 1 },
  { permitType: 'SKDU', version: 1, stepId: 'lurah_signature', open: 1, overdue: 1 },
  { permitType: 'SKDU', version: 2, stepId: 'kelurahan_verification', open: 3, overdue: 2 },
  { permitType: 'SKDU', version: 2, stepId: 'lurah_signature', open: 2, overdue: 2 },
  { permitType: 'SKDU', version: 2, stepId: 'site_visit', open: 1, overdue: 0 },
];

export async function loadWallFixture(db: DataSource): Promise<void> {
  for (const a of APPS) {
    await db.query(
      `INSERT INTO application (id, tracking_code, permit_type, definition_version, status, deemed_granted, submitted_by,
         receiving_office_id, kelurahan_code, submitted_at, due_at, applicant, view, revision)
       VALUES ($1, $2, $3, $4, $5, false, 'integrator-fixture', $6, '31.74.04.1003', $7, $8, '{}', '{}', 1)`,
      [a.id, `TRK-${a.id}`, a.permitType, a.version, a.status, OFFICE, wib('2026-05-20 09:00'), FUTURE],
    );
  }
  const versionOf = new Map(APPS.map((a) => [a.id, a]));
  for (const t of [...OPEN, ...CLOSED]) {
    const app = versionOf.get(t.app)!;
    await db.query(
      `INSERT INTO task (id, application_id, step_id, step_name, attempt, agency, office_id, role, status, assigned_at, due_at,
         decided_at, overdue, deadline_minutes, revision, permit_type, receiving_office_id, breached, definition_version)
       VALUES ($1, $2, $3, $3, 1, $4, $5, 'officer', $6, $7, $8, $9, $10, 450, 1, $11, $5, $12, $13)`,
      [t.id, t.app, t.step, t.agency, t.agency === 'DCKTRP' ? 'kota-31.74' : OFFICE, t.status ?? 'open', wib('2026-05-20 09:00'), t.due, t.decided ?? null, t.overdue ?? false, app.permitType, t.breached ?? null, app.version],
    );
  }
}
