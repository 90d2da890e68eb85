// `npm run drill -- [--cluster] --applications N [--parts worker,api,temporal,postgres] [--json] [--keep]`
// (--cluster: the platform as `npm start -- --cluster` runs it; the parts are then temporal-history,
// temporal-matching, temporal-frontend, worker, api, postgres)
// Starts the platform in a fresh data directory, files N applications while killing each part with
// SIGKILL in turn, and compares what the client was acknowledged with what Temporal and the read model
// hold. Progress goes to stderr; the last line is the result. Exits 1 when anything was lost.
import { CLUSTER_PARTS, DrillResult, Part, PARTS, runDrill } from '../libs/drill/drill';

function args(argv: string[]): { applications: number; parts: Part[]; json: boolean; keep: boolean; cluster: boolean } {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const applications = Number(value('--applications') ?? 100);
  if (!Number.isInteger(applications) || applications < 8) throw new Error('--applications must be an integer of at least 8');
  const cluster = argv.includes('--cluster');
  const known: readonly Part[] = cluster ? CLUSTER_PARTS : PARTS;
  const parts = (value('--parts') ?? known.join(',')).split(',').map((p) => p.trim()) as Part[];
  const unknown = parts.filter((p) => !known.includes(p));
  if (unknown.length) throw new Error(`unknown part(s) ${unknown.join(', ')}: choose from ${known.join(', ')}`);
  return { applications, parts, json: argv.includes('--json'), keep: argv.includes('--keep'), cluster };
}

function healthy(r: DrillResult): boolean {
  return r.lost === 0 && r.duplicated === 0 && r.orphaned === 0 && r.readModelMismatches === 0 && r.handRestarts === 0;
}

async function main(): Promise<void> {
  const o = args(process.argv.slice(2));
  const started = Date.now();
  const result = await runDrill({ ...o, log: (l) => process.stderr.write(`[drill ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${l}\n`) });
  for (const [part, s] of Object.entries(result.recoverySeconds)) process.stdout.write(o.json ? '' : `  ${part.padEnd(18)} took work again after ${s.toFixed(1)} s\n`);
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ drill: { mode: o.cluster ? 'cluster' : 'dev-server', ...result } })}\n`);
  } else {
    process.stdout.write(
      `  ${result.applications} applications, ${result.acknowledged} acknowledged; lost ${result.lost}, duplicated ${result.duplicated}, orphaned ${result.orphaned}, ` +
        `read-model mismatches ${result.readModelMismatches}, hand restarts ${result.handRestarts}; ${result.decisions} decisions, ${result.retries} retries, ${result.seconds} s\n`,
    );
  }
  process.exit(healthy(result) ? 0 : 1);
}

main().catch((err: Error) => {
  process.stderr.write(`[drill] ${err.message}\n`);
  process.exit(1);
});
