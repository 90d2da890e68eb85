// Helpers every part of the definition check shares: value tests, how a value and a path are shown,
// and business durations.
import { BusinessDuration, toBusinessMinutes } from '../definition';

export type Rec = Record<string, unknown>;
export type Add = (path: string, message: string) => void;

const DURATION_UNITS = ['days', 'hours', 'minutes'];

export function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

export function show(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v);
}

/** `base.key`, or `base["key"]` when the key is not a plain identifier. */
export function prop(base: string, key: string): string {
  const seg = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  return base ? `${base}${seg}` : key;
}

export function isDurationShape(d: unknown): d is BusinessDuration {
  if (!isRecord(d)) return false;
  const keys = Object.keys(d);
  if (keys.length !== 1 || !DURATION_UNITS.includes(keys[0])) return false;
  const n = d[keys[0]];
  return typeof n === 'number' && Number.isFinite(n);
}

export function isPositiveDuration(d: unknown): boolean {
  return isDurationShape(d) && toBusinessMinutes(d) > 0;
}

export function durationProblem(d: unknown, zeroAllowed: boolean): string {
  const what = zeroAllowed ? 'must be a non-negative business duration' : 'must be a positive business duration';
  if (!isDurationShape(d)) return `${what}: exactly one of { days }, { hours } or { minutes }, a finite number`;
  return `${what} (it comes to ${toBusinessMinutes(d)} business minutes)`;
}
