// `npm run bench -- --day`: a busy Jakarta working day, compressed. Jakarta's PTSP issued about 4.3
// million permits in 2016, about 17,000 a working day, most of them filed in the morning. The day's
// arrival curve (share of the day's applications per office hour, below) is replayed hour by hour at
// `scale` times its real rate (10x: the "10x that peak"), each office hour compressed into
// `secondsPerHour` of bench time, with decisions flowing at the same pace on the open tasks of
// applications filed earlier. Open loop: arrivals do not wait for answers, as applicants and officers don't.
import { percentile } from './percentile';

/** Share of a working day's applications filed in each office hour (07:30-16:00 WIB, morning peak). */
export const JAKARTA_DAY_CURVE: ReadonlyArray<{ hour: string; share: number }> = [
  { hour: '07-08', share: 0.08 },
  { hour: '08-09', share: 0.14 },
  { hour: '09-10', share: 0.16 },
  { hour: '10-11', share: 0.15 },
  { hour: '11-12', share: 0.12 },
  { hour: '12-13', share: 0.06 },
  { hour: '13-14', share: 0.11 },
  { hour: '14-15', share: 0.1 },
  { hour: '15-16', share: 0.08 },
];

export const JAKARTA_PERMITS_PER_DAY = 17_000;

export interface DayPlan {
  scale: number;
  secondsPerHour: number;
  /** Arrivals per second of bench time, per office hour. */
  ratePerSec: number[];
  submits: number;
  peakPerSec: number;
}

export function planDay(scale: number, secondsPerHour: number): DayPlan {
  const ratePerSec = JAKARTA_DAY_CURVE.map((h) => (scale * JAKARTA_PERMITS_PER_DAY * h.share) / 3600);
  const submits = Math.round(ratePerSec.reduce((n, r) => n + r * secondsPerHour, 0));
  return { scale, secondsPerHour, ratePerSec, submits, peakPerSec: Math.max(...ratePerSec) };
}

export function describePlan(p: DayPlan): string {
  return (
    `a Jakarta working day (${JAKARTA_PERMITS_PER_DAY.toLocaleString('en')} applications, peak ${((JAKARTA_PERMITS_PER_DAY * Math.max(...JAKARTA_DAY_CURVE.map((h) => h.share))) / 3600).toFixed(2)}/s at 09-10) ` +
    `at ${p.scale}x its rate, each office hour compressed into ${p.secondsPerHour} s: ${JAKARTA_DAY_CURVE.length} hours in ${JAKARTA_DAY_CURVE.length * p.secondsPerHour} s, ` +
    `${p.submits} submits (peak ${p.peakPerSec.toFixed(1)}/s) and as many decisions at the same pace`
  );
}

export interface Latencies {
  count: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  firstError?: string;
}

/** Collects the latencies of an open-loop stream of operations. */
export class Stream {
  private readonly latencies: number[] = [];
  private readonly running: Array<Promise<void>> = [];
  private errors = 0;
  private firstError?: string;

  fire(op: () => Promise<void>): void {
    const t0 = process.hrtime.bigint();
    this.running.push(
      op().then(
        () => void this.latencies.push(Number(process.hrtime.bigint() - t0) / 1e6),
        (err: unknown) => {
          this.latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          this.errors++;
          this.firstError ??= err instanceof Error ? err.message : String(err);
        },
      ),
    );
  }

  async settle(): Promise<Latencies> {
    await Promise.all(this.running);
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return { count: sorted.length, errors: this.errors, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted[sorted.length - 1] ?? 0, firstError: this.firstError };
  }
}

/**
 * Replays the plan: per office hour, submits at that hour's rate and as many decisions, each decision on
 * the next open task `nextTask` hands out (undefined when none is left: that decision is skipped and counted).
 */
export async function replayDay<T>(
  plan: DayPlan,
  ops: { submit: (i: number) => Promise<void>; decide: (task: T) => Promise<void>; nextTask: () => Promise<T | undefined>; say: (m: string) => void },
): Promise<{ submit: Latencies; decision: Latencies; decisionsSkipped: number; seconds: number }> {
  const submits = new Stream();
  const decisions = new Stream();
  let skipped = 0;
  let i = 0;
  const started = Date.now();
  for (let h = 0; h < plan.ratePerSec.length; h++) {
    const rate = plan.ratePerSec[h];
    const hourStart = started + h * plan.secondsPerHour * 1000;
    const n = Math.round(rate * plan.secondsPerHour);
    ops.say(`day ${JAKARTA_DAY_CURVE[h].hour}: ${n} submits and ${n} decisions at ${rate.toFixed(1)}/s`);
    for (let k = 0; k < n; k++) {
      const due = hourStart + (k * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const id = i++;
      submits.fire(() => ops.submit(id));
      const task = await ops.nextTask();
      if (task === undefined) skipped++;
      else decisions.fire(() => ops.decide(task));
    }
  }
  const [submit, decision] = [await submits.settle(), await decisions.settle()];
  return { submit, decision, decisionsSkipped: skipped, seconds: (Date.now() - started) / 1000 };
}
