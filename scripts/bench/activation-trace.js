// BENCH_TRACE_ACTIVATIONS=DIR (npm run bench): the permit worker records, for every workflow activation,
// when its main thread took it and gave back the completion ("act"), and when the workflow thread ran it
// ("run") with the CPU time it got and the time it waited for a core meanwhile (/proc/thread-self/schedstat,
// nanoseconds), plus each thread's garbage-collector pauses. One JSON line per event, in
// DIR/<pid>-<thread>.log; scripts/bench/activation-report.js reads them next to the bench's JSON and shows
// what the worker did while each of the slowest paced decisions waited.
//
// A diagnostic, loaded with --require into the worker process and its workflow thread. It wraps two
// methods of @temporalio/worker 1.24's internals (Worker.handleActivation, BaseVMWorkflow.activate):
// another SDK version may move them, and then it records nothing rather than fail.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { performance, PerformanceObserver } = require('node:perf_hooks');
const { isMainThread, threadId } = require('node:worker_threads');

const dir = process.env.BENCH_TRACE_ACTIVATIONS;
const inWorker = !isMainThread || /apps[/\\]worker[/\\]/.test(process.argv[1] ?? '');
if (dir && inWorker) {
  const lines = [];
  const file = path.join(dir, `${process.pid}-${threadId}.log`);
  const flush = () => lines.length > 0 && fs.appendFileSync(file, `${lines.splice(0).join('\n')}\n`);
  setInterval(flush, 500).unref();
  process.on('exit', flush);
  const now = () => performance.timeOrigin + performance.now();
  const record = (event) => lines.push(JSON.stringify(event));
  /** This thread's CPU and run-queue time so far, in ms. */
  const schedstat = () => {
    try {
      const [run, wait] = fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
      return { cpu: run / 1e6, queued: wait / 1e6 };
    } catch {
      return { cpu: 0, queued: 0 };
    }
  };
  const jobsOf = (activation) => (activation.jobs ?? []).map((job) => Object.keys(job).find((k) => job[k] != null && k !== 'toJSON')).join(',');
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) record({ thread: threadId, event: 'gc', t0: performance.timeOrigin + e.startTime, ms: e.duration });
  }).observe({ entryTypes: ['gc'] });

  const sdk = (file) => {
    try {
      return require(require.resolve(`@temporalio/worker/lib/${file}`, { paths: [process.cwd()] }));
    } catch {
      return undefined;
    }
  };
  const wrap = (proto, name, around) => {
    if (proto && typeof proto[name] === 'function') proto[name] = around(proto[name]);
  };
  if (isMainThread) {
    wrap(sdk('worker.js')?.Worker?.prototype, 'handleActivation', (original) =>
      async function (workflow, input) {
        const t0 = now();
        const { runId, jobs } = input.activation;
        const workflowId = workflow?.info?.workflowId ?? jobs?.find((j) => j.initializeWorkflow)?.initializeWorkflow?.workflowId;
        try {
          return await original.call(this, workflow, input);
        } finally {
          record({ thread: 0, event: 'act', workflowId, runId, jobs: jobsOf(input.activation), t0, t1: now() });
        }
      },
    );
  } else {
    wrap(sdk('workflow/vm-shared.js')?.BaseVMWorkflow?.prototype, 'activate', (original) =>
      async function (activation) {
        const [t0, s0] = [now(), schedstat()];
        try {
          return await original.call(this, activation);
        } finally {
          const s1 = schedstat();
          record({ thread: threadId, event: 'run', runId: activation.runId, jobs: jobsOf(activation), t0, t1: now(), cpuMs: s1.cpu - s0.cpu, queuedMs: s1.queued - s0.queued });
        }
      },
    );
  }
}
