// The report migrations of 1 December undo and redo: 1795560000006 (static rollup triggers, the permit
// type's lock in the task rollups), 1795560000005 (hand-off minutes in application_decided_idx) and
// 1795560000004 (the stored bucket of a closed attempt). Undone, the schema is the one before them, with
// 1795560000003's row triggers taking the lock again; redone, the stored bucket is back and a closed
// attempt is counted in its rollup either way.
import { migrate } from '../../libs/database/data-source';
import { ScratchDatabase, scratchDatabase } from './support';

describe('the rollup migrations of 1 December', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await scratchDatabase('rollup_migrations');
  });
  afterAll(() => scratch.drop());

  const hasBucketColumn = async () =>
    (await scratch.db.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'task' AND column_name = 'attempt_bucket'`)).length === 1;
  const rowLockTriggers = async () =>
    (await scratch.db.query(`SELECT tgname FROM pg_trigger WHERE tgname LIKE '%_rollup_lock' ORDER BY 1`)).map((r: { tgname: string }) => r.tgname);
  const closeOne = async (id: string) => {
    await scratch.db.query(
      `INSERT INTO task (id, application_id, step_id, step_name, attempt, agency, office_id, role, status, assigned_at, decided_at, deadline_minutes, revision, permit_type, attempt_minutes)
       VALUES ($1, 'MIG-A', 'review', 'Review', 1, 'DCKTRP', 'kota-31.74', 'officer', 'approved', '2026-06-02T02:00:00Z', '2026-06-02T04:00:00Z', 450, 1, 'PBG', 120)`,
      [id],
    );
    const [{ n }] = await scratch.db.query(
      `SELECT coalesce(sum(decided), 0)::int AS n FROM task_month_agency WHERE agency = 'DCKTRP' AND permit_type = 'PBG' AND bucket = minutes_bucket(120)`,
    );
    return n;
  };

  it('undo to the schema before them and redo, the rollups counting a closed attempt in its bucket throughout', async () => {
    await scratch.db.query(
      `INSERT INTO application (id, tracking_code, permit_type, definition_version, status, deemed_granted, submitted_by, receiving_office_id,
         kelurahan_code, submitted_at, applicant, view, revision)
       VALUES ('MIG-A', 'MIGA', 'PBG', 1, 'in_review', false, 'test', 'kel-31.74.04.1003', '31.74.04.1003', '2026-06-01T02:00:00Z', '{}', '{}', 1)`,
    );
    expect(await hasBucketColumn()).toBe(true);
    expect(await rowLockTriggers()).toEqual([]);
    expect(await closeOne('MIG-T1')).toBe(1);

    // Back to 1795560000003, undoing whatever came after it.
    const last = async () => (await scratch.db.query(`SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1`))[0].name;
    while ((await last()) !== 'RollupLockOrder1795560000003') await scratch.db.undoLastMigration({ transaction: 'each' });
    expect(await hasBucketColumn()).toBe(false);
    expect(await rowLockTriggers()).toEqual(['application_rollup_lock', 'escalation_rollup_lock', 'points_rollup_lock', 'task_rollup_lock']);
    expect(await closeOne('MIG-T2')).toBe(2);

    await migrate(scratch.db);
    expect(await hasBucketColumn()).toBe(true);
    expect(await rowLockTriggers()).toEqual([]);
    expect(await closeOne('MIG-T3')).toBe(3);
  });
});
