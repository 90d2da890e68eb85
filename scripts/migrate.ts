// `node dist/scripts/migrate.js` (the one-shot `migrate` job of docker/compose.yaml; npm start runs the
// same function): the read model's migrations, then its reference data. Exits 1 with what to check.
import { loadConfig } from '../libs/config/config';
import { migrateAndSeed } from '../libs/database/migrate-and-seed';

const say = (line: string) => process.stdout.write(`[migrate] ${line}\n`);

migrateAndSeed(loadConfig().databaseUrl, say).then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`[migrate] could not migrate and seed the database: ${err.message}; check DATABASE_URL (its user must be able to create tables)\n`);
    process.exit(1);
  },
);
