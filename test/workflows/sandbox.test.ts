// Workflow code runs in Temporal's deterministic sandbox: the bundler must refuse a workflow file that
// imports a Node built-in (the same file without the import bundles), so a mistake fails at build time.
import { bundleWorkflowCode, DefaultLogger, LogEntry } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';

const DIR = path.join(__dirname, '..', '.tmp-sandbox');

async function bundle(source: string): Promise<{ ok: boolean; log: string }> {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `wf-${process.pid}-${Date.now()}.ts`);
  fs.writeFileSync(file, source);
  const lines: string[] = [];
  const logger = new DefaultLogger('WARN', (e: LogEntry) => lines.push(`${e.message} ${JSON.stringify(e.meta ?? {})}`));
  try {
    await bundleWorkflowCode({ workflowsPath: file, logger });
    return { ok: true, log: lines.join('\n') };
  } catch (err) {
    return { ok: false, log: `${lines.join('\n')}\n${(err as Error).message}` };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('the workflow sandbox', () => {
  afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

  it('bundles a workflow without Node imports, and refuses the same workflow importing fs', async () => {
    const clean = await bundle('export async function good(): Promise<boolean> { return true; }\n');
    expect(clean.ok).toBe(true);
    const bad = await bundle("import * as fs from 'fs';\nexport async function bad(): Promise<boolean> { return fs.existsSync('/'); }\n");
    expect(bad.ok).toBe(false);
    expect(bad.log).toMatch(/\bfs\b/);
  });
});
