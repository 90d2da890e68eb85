// Seeded randomness: every draw of a simulation comes from a generator seeded by (seed, application
// number), so the same seed gives the same traffic and the same decisions on every machine.
import { createHash } from 'node:crypto';

export type Rng = () => number;

/** A 32-bit generator (mulberry32): small, fast, and the same sequence on every machine. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from any list of parts. */
export function seedOf(...parts: Array<string | number>): number {
  return createHash('sha256').update(parts.join('\n')).digest().readUInt32LE(0);
}

/** One of `items`, with probability proportional to `weight`. */
export function pick<T>(rng: Rng, items: ReadonlyArray<T>, weight: (t: T) => number = () => 1): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let x = rng() * total;
  for (const t of items) {
    x -= weight(t);
    if (x < 0) return t;
  }
  return items[items.length - 1];
}

/** A copy of `items` in an order drawn from `rng` (Fisher-Yates). */
export function shuffled<T>(rng: Rng, items: ReadonlyArray<T>): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A standard normal variate (Box-Muller). */
function normal(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** A log-normal variate with the given median. */
export const logNormal = (rng: Rng, median: number, sigma: number): number => median * Math.exp(sigma * normal(rng));
