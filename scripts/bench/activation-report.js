// `node scripts/bench/activation-report.js DIR BENCH.json`: after `BENCH_TRACE_ACTIVATIONS=DIR npm run bench
// -- --json > BENCH.json`, what the permit worker did while each of the slowest paced decisions waited (its
// own activations marked <==), and per kind of activation over the paced phase: wall time in the workflow
// thread, CPU it got, time it waited for a core (scripts/bench/activation-trace.js records them).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [dir, benchFile] = process.argv.slice(2);
if (!dir || !benchFile) {
  process.stderr.write('usage: node scripts/bench/activation-report.js DIR BENCH.json\n');
  process.exit(2);
}
const events = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.log'))
  .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)));
const paced = fs
  .readFileSync(benchFile, 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('{'))
  .map((line) => JSON.parse(line))
  .find((m) => m.measurement === 'decisionPaced');
if (!paced?.slowest?.length) {
  process.stderr.write(`no decisionPaced line with its slowest decisions in ${benchFile}\n`);
  process.exit(1);
}
const start = (e) => e.t0 ?? e.t1 - e.ms;
const end = (e) => e.t1 ?? e.t0 + e.ms;
const workflowOf = new Map(events.filter((e) => e.event === 'act' && e.workflowId).map((e) => [e.runId, e.workflowId]));
const fmt = (ms) => ms.toFixed(1).padStart(7);

/**
 * The workflow thread's CPU and run-queue wait between `from` and `to`. The thread interleaves activations
 * (each yields once before it answers), so runs overlap, and a run's figures then include the runs inside
 * it: a cluster of overlapping runs counts once, by its largest figures.
 */
function threadTotals(from, to) {
  const runs = events.filter((e) => e.event === 'run' && e.t1 >= from && e.t0 <= to).sort((a, b) => a.t0 - b.t0);
  const total = { cpuMs: 0, queuedMs: 0 };
  for (let i = 0; i < runs.length; ) {
    let [end, cpu, queued] = [runs[i].t1, runs[i].cpuMs, runs[i].queuedMs];
    for (i++; i < runs.length && runs[i].t0 < end; i++) [end, cpu, queued] = [Math.max(end, runs[i].t1), Math.max(cpu, runs[i].cpuMs), Math.max(queued, runs[i].queuedMs)];
    total.cpuMs += cpu;
    total.queuedMs += queued;
  }
  return total;
}

for (const slow of paced.slowest) {
  const from = slow.sentAtMs;
  const to = from + slow.ms;
  const thread = threadTotals(from, to);
  console.log(`\n${Math.round(slow.ms)} ms, application ${slow.applicationId} (workflow task started ${slow.workflowTask?.startedMs} ms, completed ${slow.workflowTask?.completedMs} ms after the POST)`);
  console.log(`  the workflow thread meanwhile, all applications: ${thread.cpuMs.toFixed(1)} ms of CPU, ${thread.queuedMs.toFixed(1)} ms waiting for a core`);
  console.log('     from      to    wall  event  jobs (run: CPU / waiting for a core, runs inside it included)');
  for (const e of events.filter((x) => end(x) >= from && start(x) <= to).sort((a, b) => start(a) - start(b))) {
    const mine = (workflowOf.get(e.runId) ?? '').includes(slow.applicationId) ? '  <==' : '';
    const detail = e.event === 'gc' ? `gc (thread ${e.thread})` : `${e.jobs}${e.event === 'run' ? ` (${e.cpuMs.toFixed(1)} / ${e.queuedMs.toFixed(1)} ms)` : ''}`;
    console.log(`${fmt(start(e) - from)} ${fmt(end(e) - from)} ${fmt(end(e) - start(e))}  ${e.event.padEnd(5)}  ${detail}${mine}`);
  }
}

// The paced phase: each slow decision says when it was sent and how far into the phase; the phase lasts
// about 10 s (the bench paces 10 s of decisions), 11 s with the last answers.
const first = paced.slowest[0];
const phaseFrom = first.sentAtMs - first.startedAtS * 1000;
const phaseTo = phaseFrom + 11_000;
const pct = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
console.log('\nworkflow thread over the paced phase, p50 / p99 (ms; a run that others overlap counts their time too):');
const runs = events.filter((e) => e.event === 'run' && e.t0 >= phaseFrom && e.t0 < phaseTo);
for (const kind of [...new Set(runs.map((r) => r.jobs.split(',')[0]))]) {
  const of = runs.filter((r) => r.jobs.split(',')[0] === kind);
  const line = (f) => `${pct(of.map(f), 50).toFixed(1)} / ${pct(of.map(f), 99).toFixed(1)}`;
  console.log(`  ${kind.padEnd(20)} ×${String(of.length).padEnd(5)} wall ${line((r) => r.t1 - r.t0)}   CPU ${line((r) => r.cpuMs)}   waiting for a core ${line((r) => r.queuedMs)}`);
}
