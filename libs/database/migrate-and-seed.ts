import { createDataSource, migrate } from './data-source';
import { seed } from './seed';

/**
 * The read model brought up to date: pending migrations, then the reference data (agencies, offices,
 * outlets) upserted. Safe on every start and from several starters at once (`npm start`, the
 * `migrate` job of docker/compose.yaml).
 */
export async function migrateAndSeed(databaseUrl: string, say: (line: string) => void): Promise<void> {
  const db = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'satupintu-migrate' });
  await db.initialize();
  try {
    const ran = await migrate(db);
    say(ran.length ? `migrations applied: ${ran.join(', ')}` : 'database schema up to date');
    const seeded = await seed(db);
    say(`seed: ${seeded.agencies} agencies, ${seeded.offices} offices and outlets`);
  } finally {
    await db.destroy();
  }
}
