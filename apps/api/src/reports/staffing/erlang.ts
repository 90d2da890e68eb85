// Erlang C: the M/M/c queue, for how many officers a counter needs. Pure arithmetic, no I/O.
//
// Arrivals come at rate λ (per hour), each officer serves one at a time for S minutes on average
// (rate μ = 60 / S per hour), and c officers share one queue. The offered load is a = λ / μ Erlangs;
// the queue is stable only when c > a. Then
//   P(wait) = C(c, a) = [aᶜ/c! · c/(c − a)] / [Σₖ₌₀..c₋₁ aᵏ/k! + aᶜ/c! · c/(c − a)]
//   E[wait] = C(c, a) / (c·μ − λ)            (hours; × 60 for minutes)
// C is computed from Erlang B with the stable recurrence B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)),
// then C = c·B / (c − a·(1 − B)): no factorials, no overflow for large c.

/** Erlang B: the blocking probability of c servers offered a Erlangs, with no queue. */
export function erlangB(c: number, a: number): number {
  if (!Number.isInteger(c) || c < 0) throw new RangeError(`servers must be a non-negative integer, got ${c}`);
  if (!(a >= 0) || !Number.isFinite(a)) throw new RangeError(`offered load must be a finite number >= 0, got ${a}`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: the probability an arrival has to wait, with c servers and a Erlangs offered. 1 when c <= a. */
export function erlangC(c: number, a: number): number {
  if (a === 0) return 0;
  if (c <= a) return 1;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** The expected wait in the queue, in minutes; Infinity when the officers cannot keep up (c <= a). */
export function expectedWaitMinutes(c: number, arrivalsPerHour: number, serviceMinutes: number): number {
  if (arrivalsPerHour === 0) return 0;
  const mu = 60 / serviceMinutes;
  const a = arrivalsPerHour / mu;
  if (c <= a) return Infinity;
  return (erlangC(c, a) / (c * mu - arrivalsPerHour)) * 60;
}

/**
 * The fewest officers that keep the expected wait at or under the target; 0 when nobody comes.
 * Bounded: a load beyond `max` officers answers `max` (the caller flags it).
 */
export function officersNeeded(arrivalsPerHour: number, serviceMinutes: number, targetWaitMinutes: number, max = 500): number {
  if (!(arrivalsPerHour >= 0)) throw new RangeError(`arrivals per hour must be >= 0, got ${arrivalsPerHour}`);
  if (!(serviceMinutes > 0)) throw new RangeError(`service minutes must be > 0, got ${serviceMinutes}`);
  if (!(targetWaitMinutes >= 0)) throw new RangeError(`target wait must be >= 0 minutes, got ${targetWaitMinutes}`);
  if (arrivalsPerHour === 0) return 0;
  const a = arrivalsPerHour / (60 / serviceMinutes);
  for (let c = Math.max(1, Math.floor(a) + 1); c <= max; c++) {
    if (expectedWaitMinutes(c, arrivalsPerHour, serviceMinutes) <= targetWaitMinutes) return c;
  }
  return max;
}
