// Prints a development bearer token, and nothing else:  npm run -s token -- --role approver --agency DCKTRP [--office ID] [--position head]
import { DEV_JWT_SECRET } from '../libs/config/config';
import { mintToken, Role, ROLES } from '../libs/auth/token';
import { POSITIONS, type Position } from '../libs/domain/deciders';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const role = (arg('role') ?? 'integrator') as Role;
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const agency = arg('agency')?.toUpperCase();
  if (role === 'approver' && !agency) throw new Error('an approver needs --agency CODE (for example --agency DCKTRP)');
  const position = arg('position') as Position | undefined;
  if (position !== undefined && !POSITIONS.includes(position)) throw new Error(`--position must be one of ${POSITIONS.join(', ')}`);
  const sub = arg('sub') ?? (role === 'approver' ? `officer-${agency!.toLowerCase()}-1` : `${role}-dev`);
  const token = await mintToken(process.env.JWT_SECRET ?? DEV_JWT_SECRET, { sub, role, agency, office: arg('office'), position }, arg('ttl') ?? '12h');
  process.stdout.write(`${token}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`token: ${err.message}\n`);
  process.exit(2);
});
