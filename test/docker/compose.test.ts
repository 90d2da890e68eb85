// Static checks of docker/compose.yaml and the Dockerfiles it builds. No Docker engine needed:
// these catch broken paths, stage names and unpinned images before anyone runs `docker compose up`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { API_POOL_SIZE } from '../../apps/api/src/database/database.provider';
import { DEFAULT_POOL_SIZE } from '../../libs/database/data-source';
import { clusterEnv, defaultClusterPorts, searchAttributesEnv } from '../../libs/dev/temporal-cluster';

const repoRoot = path.resolve(__dirname, '..', '..');
const composeFile = path.join(repoRoot, 'docker', 'compose.yaml');
const composeDir = path.dirname(composeFile);

interface BuildSpec {
  context?: string;
  dockerfile?: string;
}
interface Service {
  image?: string;
  command?: string | string[];
  volumes?: string[];
  restart?: string;
  ports?: string[];
  build?: string | BuildSpec;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  environment?: string[] | Record<string, string | number | boolean | null>;
  deploy?: { replicas?: number };
  container_name?: string;
}
interface Compose {
  services: Record<string, Service>;
}

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}
interface Stage {
  index: number;
  name?: string;
  base: string;
  instructions: Instruction[];
}

// Compose applies YAML merge keys (`<<: *anchor`), as here.
const compose = parse(fs.readFileSync(composeFile, 'utf8'), { merge: true }) as Compose;
const services = compose.services ?? {};

/** Build context and Dockerfile of a service, as absolute paths (compose resolves them this way). */
function buildOf(service: Service): { context: string; dockerfile: string } | undefined {
  if (service.build === undefined) return undefined;
  const spec: BuildSpec = typeof service.build === 'string' ? { context: service.build } : service.build;
  const context = path.resolve(composeDir, spec.context ?? '.');
  return { context, dockerfile: path.resolve(context, spec.dockerfile ?? 'Dockerfile') };
}

/** Splits a Dockerfile into instructions: joins `\` continuations, drops comments and blank lines. */
function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  let buf = '';
  let start = 0;
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    if (buf === '' && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (buf !== '' && trimmed.startsWith('#')) return; // comment inside a continued instruction
    if (buf === '') start = i + 1;
    if (trimmed.endsWith('\\')) {
      buf += `${trimmed.slice(0, -1)} `;
      return;
    }
    buf += trimmed;
    const m = /^(\S+)\s*(.*)$/s.exec(buf);
    if (m) out.push({ keyword: m[1].toUpperCase(), args: m[2].trim(), line: start });
    buf = '';
  });
  if (buf !== '') throw new Error('Dockerfile ends inside a line continuation');
  return out;
}

/** Groups instructions into stages; substitutes global ARG defaults into FROM. */
function stagesOf(instructions: Instruction[]): { stages: Stage[]; globalArgs: Map<string, string> } {
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const base = words[0].replace(/\$\{?(\w+)(?::-([^}]*))?\}?/g, (_all, name: string, dflt?: string) => {
        return globalArgs.get(name) ?? dflt ?? '';
      });
      const asIdx = words.findIndex((w) => w.toUpperCase() === 'AS');
      const name = asIdx >= 0 ? words[asIdx + 1]?.toLowerCase() : undefined;
      stages.push({ index: stages.length, name, base, instructions: [] });
    } else if (stages.length === 0) {
      if (ins.keyword === 'ARG') {
        const [k, v] = ins.args.split('=', 2);
        globalArgs.set(k.trim(), (v ?? '').trim().replace(/^["']|["']$/g, ''));
      }
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  return { stages, globalArgs };
}

/** True when an image reference has a tag other than `latest`, or a digest. */
function isPinned(ref: string): boolean {
  if (ref.includes('@sha256:')) return true;
  const lastSegment = ref.split('/').pop() ?? ref;
  const colon = lastSegment.lastIndexOf(':');
  if (colon < 0) return false;
  const tag = lastSegment.slice(colon + 1);
  return tag !== '' && tag !== 'latest' && !tag.includes('$');
}

/** Options and source arguments of a COPY/ADD instruction (JSON or shell form). */
function copyParts(args: string): { flags: Map<string, string>; sources: string[]; dest: string } {
  const flags = new Map<string, string>();
  let rest = args;
  for (;;) {
    const m = /^--([\w-]+)(?:=(\S+))?\s+/.exec(rest);
    if (!m) break;
    flags.set(m[1], m[2] ?? '');
    rest = rest.slice(m[0].length);
  }
  const words = rest.trim().startsWith('[') ? (JSON.parse(rest) as string[]) : rest.trim().split(/\s+/);
  return { flags, sources: words.slice(0, -1), dest: words[words.length - 1] };
}

/** Patterns of the context's .dockerignore (no negations used here, so a simple prefix match suffices). */
function dockerignore(context: string): string[] {
  const file = path.join(context, '.dockerignore');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function isIgnored(rel: string, patterns: string[]): boolean {
  const first = rel.replace(/^\.\//, '').split('/')[0];
  return patterns.some((p) => {
    const clean = p.replace(/^\/+|\/+$/g, '');
    return clean === rel || clean === first || (clean.startsWith('**/') && clean.slice(3) === path.basename(rel));
  });
}

const dockerfiles = new Map<string, { service: string; context: string; stages: Stage[] }>();
for (const [name, service] of Object.entries(services)) {
  const b = buildOf(service);
  if (b && fs.existsSync(b.dockerfile)) {
    const { stages } = stagesOf(parseDockerfile(fs.readFileSync(b.dockerfile, 'utf8')));
    dockerfiles.set(b.dockerfile, { service: name, context: b.context, stages });
  }
}

describe('docker/compose.yaml', () => {
  it('defines the services of the stack, the Temporal server one container per service', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['postgresql', 'temporal-schema', 'temporal-history', 'temporal-matching', 'temporal-frontend', 'temporal-worker', 'temporal-namespace', 'migrate', 'temporal-ui', 'api', 'worker', 'prometheus', 'grafana'].sort(),
    );
  });

  it('mounts the files Prometheus and Grafana are provisioned from, and they exist', () => {
    const mounts = [...(services.prometheus.volumes ?? []), ...(services.grafana.volumes ?? [])].filter((v) => v.startsWith('./'));
    expect(mounts).toEqual(
      expect.arrayContaining([
        './prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
        './grafana/provisioning:/etc/grafana/provisioning:ro',
        './grafana/satupintu.json:/var/lib/grafana/dashboards/satupintu.json:ro',
      ]),
    );
    for (const mount of mounts) expect([mount, fs.existsSync(path.join(composeDir, mount.split(':')[0]))]).toEqual([mount, true]);
    const provider = fs.readFileSync(path.join(composeDir, 'grafana', 'provisioning', 'dashboards', 'satupintu.yml'), 'utf8');
    expect(provider).toContain('path: /var/lib/grafana/dashboards');
    const source = fs.readFileSync(path.join(composeDir, 'grafana', 'provisioning', 'datasources', 'prometheus.yml'), 'utf8');
    expect(source).toContain('url: http://prometheus:9090');
  });

  it('builds every service without an image from a Dockerfile that exists in its context', () => {
    for (const [name, service] of Object.entries(services)) {
      const b = buildOf(service);
      if (!b) {
        expect({ name, image: service.image }).toEqual({ name, image: expect.any(String) });
        continue;
      }
      expect({ name, context: fs.existsSync(b.context) }).toEqual({ name, context: true });
      expect({ name, dockerfile: path.relative(repoRoot, b.dockerfile), exists: fs.existsSync(b.dockerfile) }).toEqual({
        name,
        dockerfile: path.relative(repoRoot, b.dockerfile),
        exists: true,
      });
    }
    expect(dockerfiles.size).toBeGreaterThanOrEqual(2);
  });

  it('pins every image tag (no implicit or explicit `latest`)', () => {
    const unpinned = Object.entries(services)
      .filter(([, s]) => s.image !== undefined && !isPinned(s.image))
      .map(([n, s]) => `${n}: ${s.image}`);
    expect(unpinned).toEqual([]);
    for (const [file, { stages }] of dockerfiles) {
      const names = new Set(stages.map((s) => s.name).filter(Boolean));
      const bad = stages.filter((s) => !names.has(s.base.toLowerCase()) && !isPinned(s.base)).map((s) => s.base);
      expect({ file: path.relative(repoRoot, file), unpinnedBases: bad }).toEqual({
        file: path.relative(repoRoot, file),
        unpinnedBases: [],
      });
    }
  });

  it('only depends on services that exist, with explicit conditions', () => {
    for (const [name, service] of Object.entries(services)) {
      const deps = service.depends_on;
      if (deps === undefined) continue;
      expect({ name, form: Array.isArray(deps) ? 'list' : 'map' }).toEqual({ name, form: 'map' });
      for (const [dep, spec] of Object.entries(deps as Record<string, { condition?: string }>)) {
        expect(Object.keys(services)).toContain(dep);
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(spec?.condition);
        if (spec?.condition === 'service_healthy') {
          const target = services[dep];
          const hasCheck = target.healthcheck?.test !== undefined || dockerfileHealthcheck(target);
          expect({ dependency: `${name} -> ${dep}`, hasHealthcheck: hasCheck }).toEqual({
            dependency: `${name} -> ${dep}`,
            hasHealthcheck: true,
          });
        }
      }
    }
  });

  it('gives the api a health check (compose or Dockerfile HEALTHCHECK)', () => {
    const api = services.api;
    expect(api.healthcheck?.disable).not.toBe(true);
    expect(api.healthcheck?.test !== undefined || dockerfileHealthcheck(api)).toBe(true);
  });

  it('requires JWT_SECRET from the environment and runs several workers', () => {
    // libs/config/config.ts refuses NODE_ENV=production without JWT_SECRET (or JWKS_URL), in both processes.
    expect(envOf(services.api).JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?[^}]*\}$/);
    expect(envOf(services.worker).JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?[^}]*\}$/);
    expect(services.worker.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(services.worker.container_name).toBeUndefined(); // would clash between replicas
    for (const name of ['api', 'worker', 'migrate']) {
      const env = envOf(services[name]);
      expect(env.TEMPORAL_ADDRESS).toBe('temporal-frontend:7233');
      expect(env.TEMPORAL_NAMESPACE).toBe('${TEMPORAL_NAMESPACE:-default}');
      expect(env.DATABASE_URL).toMatch(/@postgresql:5432\//);
    }
  });
});

describe('docker/compose.yaml runs what `npm start -- --cluster` runs', () => {
  const temporalServices = ['temporal-history', 'temporal-matching', 'temporal-frontend', 'temporal-worker'];
  const dependsOn = (name: string) => (services[name].depends_on ?? {}) as Record<string, { condition?: string }>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const serverVersion = (require(path.join(repoRoot, 'scripts', 'toolchain.js')) as { SERVER_VERSION: string }).SERVER_VERSION;

  it('runs the official server image (not auto-setup) of the release cluster mode builds, one service a container', () => {
    for (const [i, name] of temporalServices.entries()) {
      const s = services[name];
      expect([name, s.image]).toEqual([name, `temporalio/server:${serverVersion}`]);
      expect([name, envOf(s).TEMPORAL_SERVICES]).toEqual([name, ['history', 'matching', 'frontend', 'worker'][i]]);
      expect([name, s.restart]).toEqual([name, 'unless-stopped']);
      expect([name, s.healthcheck?.test]).toEqual([name, expect.anything()]);
      expect([name, dependsOn(name)['temporal-schema']?.condition]).toEqual([name, 'service_completed_successfully']);
    }
    expect(Object.values(services).filter((s) => /auto-setup/.test(s.image ?? ''))).toEqual([]);
  });

  it('gives every Temporal container the variables cluster mode gives each service (libs/dev/temporal-cluster.ts)', () => {
    // The same template renders both: the variables cluster mode sets for the database and shards are set here too.
    const local = clusterEnv('postgres://u:p@127.0.0.1:5432/satupintu', defaultClusterPorts(7233));
    const shared = ['DB', 'POSTGRES_SEEDS', 'DB_PORT', 'POSTGRES_USER', 'POSTGRES_PWD', 'DBNAME', 'VISIBILITY_DBNAME', 'NUM_HISTORY_SHARDS', 'BIND_ON_IP'];
    for (const key of shared) expect([key, key in local]).toEqual([key, true]);
    for (const name of temporalServices) {
      const env = envOf(services[name]);
      expect([name, shared.filter((k) => !(k in env))]).toEqual([name, []]);
      expect([name, env.DB]).toEqual([name, local.DB]);
      expect([name, env.DBNAME, env.VISIBILITY_DBNAME]).toEqual([name, local.DBNAME, local.VISIBILITY_DBNAME]);
      expect([name, services[name].volumes]).toEqual([name, ['./temporal/dynamicconfig.yaml:/etc/temporal/config/dynamicconfig/docker.yaml:ro']]);
    }
  });

  it('sets up the schemas and the namespace with the scripts cluster mode runs, as one-shot jobs in order', () => {
    const jobs: Record<string, { script: string; after: Record<string, string> }> = {
      'temporal-schema': { script: 'setup-schema.sh', after: { postgresql: 'service_healthy' } },
      'temporal-namespace': {
        script: 'setup-namespace.sh',
        after: Object.fromEntries(temporalServices.map((n) => [n, 'service_healthy'])),
      },
    };
    for (const [name, job] of Object.entries(jobs)) {
      const s = services[name];
      expect([name, s.image]).toEqual([name, `temporalio/admin-tools:${serverVersion}`]);
      expect([name, s.command]).toEqual([name, ['sh', `/satupintu/${job.script}`]]);
      expect([name, s.volumes]).toEqual([name, ['./temporal:/satupintu:ro']]);
      expect(fs.existsSync(path.join(composeDir, 'temporal', job.script))).toBe(true);
      // One-shot: retried on failure, never restarted once done.
      expect([name, s.restart]).toEqual([name, expect.stringMatching(/^on-failure/)]);
      expect([name, Object.fromEntries(Object.entries(dependsOn(name)).map(([k, v]) => [k, v.condition]))]).toEqual([name, job.after]);
    }
    expect(envOf(services['temporal-schema']).TEMPORAL_SCHEMA_DIR).toBe('/etc/temporal/schema');
  });

  it('registers the search attributes the code declares (libs/temporal/search-attributes.ts)', () => {
    expect(envOf(services['temporal-namespace']).SEARCH_ATTRIBUTES).toBe(searchAttributesEnv());
    // The script's own default (when run by hand) says the same.
    const script = fs.readFileSync(path.join(composeDir, 'temporal', 'setup-namespace.sh'), 'utf8');
    expect(script).toContain(`attributes="\${SEARCH_ATTRIBUTES:-${searchAttributesEnv()}}"`);
  });

  it('migrates and seeds the read model once, with the script npm start runs, before the API and the workers start', () => {
    const migrate = services.migrate;
    expect(migrate.command).toEqual(['node', 'dist/scripts/migrate.js']);
    expect(fs.existsSync(path.join(repoRoot, 'scripts', 'migrate.ts'))).toBe(true);
    expect(migrate.restart).toMatch(/^on-failure/);
    expect(dependsOn('migrate').postgresql?.condition).toBe('service_healthy');
    for (const name of ['api', 'worker']) {
      expect([name, dependsOn(name).migrate?.condition]).toEqual([name, 'service_completed_successfully']);
      expect([name, dependsOn(name)['temporal-namespace']?.condition]).toEqual([name, 'service_completed_successfully']);
      expect([name, services[name].restart]).toEqual([name, 'unless-stopped']);
    }
    expect(dependsOn('temporal-ui')['temporal-namespace']?.condition).toBe('service_completed_successfully');
  });

  it('gives the workers a health check on their heartbeat, and every long-running service a restart policy', () => {
    expect(services.worker.healthcheck?.test).toEqual(['CMD', 'node', 'dist/scripts/worker-health.js']);
    expect(fs.existsSync(path.join(repoRoot, 'scripts', 'worker-health.ts'))).toBe(true);
    for (const [name, s] of Object.entries(services)) {
      if (['temporal-schema', 'temporal-namespace', 'migrate'].includes(name)) continue;
      expect([name, s.restart]).toEqual([name, 'unless-stopped']);
      expect([name, s.healthcheck?.test !== undefined || dockerfileHealthcheck(s)]).toEqual([name, true]);
    }
  });

  it('sets every setting of docker/.env.example, and every variable the API and the workers read', () => {
    const raw = fs.readFileSync(composeFile, 'utf8');
    const example = fs
      .readFileSync(path.join(composeDir, '.env.example'), 'utf8')
      .split('\n')
      .map((l) => /^([A-Z][A-Z0-9_]*)=/.exec(l)?.[1])
      .filter((k): k is string => !!k);
    expect(example.length).toBeGreaterThan(20);
    expect(example.filter((k) => !raw.includes(`\${${k}`))).toEqual([]);
    const read = [...new Set([...fs.readFileSync(path.join(repoRoot, 'libs', 'config', 'config.ts'), 'utf8').matchAll(/env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]))];
    for (const name of ['api', 'worker']) {
      const env = envOf(services[name]);
      // PORT and API_PROCESSES belong to the API alone.
      const missing = read.filter((k) => !(k in env) && !(name === 'worker' && ['PORT', 'API_PROCESSES'].includes(k)));
      expect([name, missing]).toEqual([name, []]);
      expect([name, env.NODE_ENV]).toEqual([name, 'production']);
    }
  });

  it("gives PostgreSQL room for every pool at the stack's defaults: they keep their connections through a day", () => {
    // `${NAME:-default}` → default
    const byDefault = (v: string | undefined, fallback: number) => Number(/^\$\{[A-Z_]+:-(\d+)\}$/.exec(v ?? '')?.[1] ?? v ?? fallback);
    const command = services.postgresql.command as string[];
    const maxConnections = byDefault(command.find((c) => c.startsWith('max_connections='))?.split('=')[1], 100);
    const temporal = Object.values(services).filter((s) => envOf(s).TEMPORAL_SERVICES !== undefined);
    expect(temporal).toHaveLength(4);
    // Temporal's own defaults per service: 20 connections for its store, 10 for visibility.
    const temporalConns = temporal.reduce((n, s) => n + byDefault(envOf(s).SQL_MAX_CONNS, 20) + byDefault(envOf(s).SQL_VIS_MAX_CONNS, 10), 0);
    const api = (services.api.deploy?.replicas ?? 1) * byDefault(envOf(services.api).API_PROCESSES, 1) * (API_POOL_SIZE + 1);
    const workers = (services.worker.deploy?.replicas ?? 1) * DEFAULT_POOL_SIZE;
    const migrate = 2;
    const superuserReserved = 3;
    expect(temporalConns + api + workers + migrate + superuserReserved).toBeLessThanOrEqual(maxConnections);
  });
});

describe('Dockerfiles used by docker/compose.yaml', () => {
  it('has unique stage names, and every COPY --from / FROM names a stage defined earlier', () => {
    for (const [file, { stages }] of dockerfiles) {
      const rel = path.relative(repoRoot, file);
      const named = stages.map((s) => s.name).filter((n): n is string => n !== undefined);
      expect({ rel, duplicates: named.filter((n, i) => named.indexOf(n) !== i) }).toEqual({ rel, duplicates: [] });
      for (const stage of stages) {
        const earlier = new Set(stages.slice(0, stage.index).map((s) => s.name));
        if (named.includes(stage.base.toLowerCase())) {
          expect({ rel, stage: stage.name, from: stage.base, definedEarlier: earlier.has(stage.base.toLowerCase()) }).toEqual(
            { rel, stage: stage.name, from: stage.base, definedEarlier: true },
          );
        }
        for (const ins of stage.instructions) {
          if (ins.keyword !== 'COPY') continue;
          const from = copyParts(ins.args).flags.get('from');
          if (from === undefined) continue;
          const ok = /^\d+$/.test(from) ? Number(from) < stage.index : earlier.has(from.toLowerCase());
          expect({ rel, line: ins.line, from, definedEarlier: ok }).toEqual({ rel, line: ins.line, from, definedEarlier: true });
        }
      }
    }
  });

  it('copies only paths that exist in the build context and are not excluded by .dockerignore', () => {
    for (const [file, { context, stages }] of dockerfiles) {
      const ignore = dockerignore(context);
      for (const stage of stages) {
        for (const ins of stage.instructions) {
          if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
          const { flags, sources } = copyParts(ins.args);
          if (flags.has('from')) continue;
          for (const src of sources) {
            const where = `${path.relative(repoRoot, file)}:${ins.line} ${src}`;
            expect({ where, exists: fs.existsSync(path.join(context, src)) }).toEqual({ where, exists: true });
            expect({ where, ignored: isIgnored(src, ignore) }).toEqual({ where, ignored: false });
          }
        }
      }
    }
  });

  it('runs the final stage as a non-root user with NODE_ENV=production', () => {
    for (const [file, { stages }] of dockerfiles) {
      const final = stages[stages.length - 1];
      const users = final.instructions.filter((i) => i.keyword === 'USER').map((i) => i.args);
      const user = users[users.length - 1];
      expect({ file: path.relative(repoRoot, file), user }).toEqual({
        file: path.relative(repoRoot, file),
        user: expect.not.stringMatching(/^(root|0)(:|$)/),
      });
      const env = final.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args).join(' ');
      expect(env).toMatch(/NODE_ENV=production/);
    }
  });

  it('starts the compiled entry point of its app', () => {
    const expected: Record<string, string> = {
      api: 'dist/apps/api/src/cluster.js',
      worker: 'dist/apps/worker/src/main.js',
    };
    for (const { service, stages } of dockerfiles.values()) {
      if (!(service in expected)) continue;
      const final = stages[stages.length - 1];
      const cmd = final.instructions.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT').pop();
      expect(cmd?.args).toContain(expected[service]);
    }
  });
});

describe('.dockerignore', () => {
  it('keeps local state and build output out of the build context', () => {
    const patterns = dockerignore(repoRoot);
    for (const p of ['node_modules', '.data', '.tools', 'dist', '.git']) expect(patterns).toContain(p);
  });
});

function dockerfileHealthcheck(service: Service): boolean {
  const b = buildOf(service);
  if (!b) return false;
  const df = dockerfiles.get(b.dockerfile);
  if (!df) return false;
  const final = df.stages[df.stages.length - 1];
  const hc = final.instructions.filter((i) => i.keyword === 'HEALTHCHECK').pop();
  return hc !== undefined && !/^NONE$/i.test(hc.args);
}

function envOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((e) => {
        const i = e.indexOf('=');
        return i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}
