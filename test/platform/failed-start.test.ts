// Story: a new user's `npm start` meets a broken part. Each time it says, in one line, which part could
// not start and what to do about it, and it leaves nothing behind: no process of the platform runs and
// every port it took is free again, so the next start is not refused.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { portIsFree } from '../../libs/dev/services';
import { freePlatformPorts, launchPlatform, newDataDir, PlatformPorts, platformProcesses } from '../../libs/drill/platform-process';

interface Attempt {
  code: number | null;
  /** The supervisor's own lines, `[satupintu] ...`. */
  said: string[];
  dataDir: string;
  ports: PlatformPorts;
}

async function attemptStart(prepare: (dataDir: string, ports: PlatformPorts) => void | Promise<void>, env: NodeJS.ProcessEnv = {}): Promise<Attempt> {
  const dataDir = newDataDir('failed-start');
  const ports = await freePlatformPorts();
  await prepare(dataDir, ports);
  const { platform, ready } = launchPlatform({ dataDir, ports, env });
  await ready.catch(() => undefined);
  const code = await platform.exited;
  return { code, said: platform.output.filter((l) => l.startsWith('[satupintu]')), dataDir, ports };
}

async function expectNothingLeft(a: Attempt): Promise<void> {
  expect(platformProcesses(a.dataDir)).toEqual([]);
  for (const port of Object.values(a.ports)) expect([port, await portIsFree(port)]).toEqual([port, true]);
  fs.rmSync(a.dataDir, { recursive: true, force: true });
}

/** The last thing said: exactly one line naming the part, then what to do. */
function lastWords(a: Attempt): string {
  expect(a.code).toBe(1);
  const failures = a.said.filter((l) => /could not start|is in use|cannot start/.test(l));
  expect(failures).toHaveLength(1);
  expect(a.said[a.said.length - 1]).toBe(failures[0]);
  return failures[0];
}

describe('npm start when a part cannot start', () => {
  it('names a port in use and the variable that moves it, before starting anything', async () => {
    let holder: net.Server | undefined;
    const a = await attemptStart(
      (_dir, ports) =>
        new Promise<void>((resolve) => {
          holder = net.createServer().listen(ports.temporal, '0.0.0.0', () => resolve());
        }),
    );
    await new Promise<void>((resolve) => holder!.close(() => resolve()));
    expect(lastWords(a)).toMatch(new RegExp(`port ${a.ports.temporal} \\(Temporal\\) is in use: .*set TEMPORAL_PORT`));
    await expectNothingLeft(a);
  });

  it('names PostgreSQL and says to move its damaged data directory aside', async () => {
    const a = await attemptStart((dir) => {
      fs.mkdirSync(path.join(dir, 'postgres'), { recursive: true, mode: 0o700 });
      fs.writeFileSync(path.join(dir, 'postgres', 'PG_VERSION'), '9.9\n');
    });
    expect(lastWords(a)).toMatch(/could not start PostgreSQL: .*move it aside \(mv .*postgres .*\.broken\)/);
    await expectNothingLeft(a);
  });

  it('names the Temporal dev server when its database file is damaged, and stops PostgreSQL again', async () => {
    const a = await attemptStart((dir) => fs.writeFileSync(path.join(dir, 'temporal.db'), 'this is not a SQLite database, it was damaged by hand '.repeat(200)));
    expect(a.said.some((l) => l.includes('starting embedded PostgreSQL'))).toBe(true);
    expect(lastWords(a)).toMatch(/could not start the Temporal dev server: .*temporal\.db is damaged, move it aside/);
    await expectNothingLeft(a);
  });

  it('names the worker when its namespace does not exist, and stops Temporal and PostgreSQL again', async () => {
    const a = await attemptStart(() => undefined, { TEMPORAL_NAMESPACE: 'no-such-namespace' });
    expect(lastWords(a)).toMatch(/could not start the worker: .*no-such-namespace.*check TEMPORAL_NAMESPACE/i);
    await expectNothingLeft(a);
  });

  it('names the API when its token settings are wrong, and stops the worker, Temporal and PostgreSQL again', async () => {
    const a = await attemptStart(() => undefined, { JWKS_URL: 'not a url' });
    expect(a.said.some((l) => l.includes('starting the API'))).toBe(true);
    expect(lastWords(a)).toMatch(/could not start the API: .*Invalid URL.*Read the API lines above/);
    await expectNothingLeft(a);
  });
});
