import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { Logger } from 'pino';

/**
 * A 16-digit NIK (national identity number) or an Indonesian phone number never reaches a log line:
 * both are masked in every message and field, whatever its name, errors and their stacks included.
 */
const NIK = /(?<!\d)(\d{6})\d{6}(\d{4})(?!\d)/g;
const PHONE = /(\+62|\b0)8\d{7,11}\b/g;

export function maskPersonalData(text: string): string {
  return text.replace(NIK, '$1******$2').replace(PHONE, (m) => `${m.slice(0, 4)}*****${m.slice(-2)}`);
}

function maskError(err: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { type: err.name, message: maskPersonalData(err.message) };
  if (err.stack) out.stack = maskPersonalData(err.stack);
  for (const [k, v] of Object.entries(err)) out[k] = maskDeep(v, depth + 1);
  if (err.cause !== undefined) out.cause = maskDeep(err.cause, depth + 1);
  return out;
}

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return maskError(value, depth);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === 'nik' ? '****************' : maskDeep(v, depth + 1);
  return out;
}

/** What every log line written while serving one HTTP request (or running one activity) carries. */
export interface LogContext {
  requestId?: string;
  [field: string]: unknown;
}

/**
 * The request id travels with the async call chain: the API's request middleware opens a scope,
 * and every line logged inside it, by any logger made here, carries the id.
 */
export const logContext = new AsyncLocalStorage<LogContext>();

export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return logContext.run({ ...logContext.getStore(), ...ctx }, fn);
}

export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base,
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => ({ ...logContext.getStore() }),
      formatters: { log: (obj) => maskDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          // pino takes the message of an Error passed first as the line's msg: mask it before pino sees it.
          const [first, ...rest] = args as unknown[];
          const masked =
            first instanceof Error
              ? [{ err: maskError(first, 0) }, ...(typeof rest[0] === 'string' ? rest : [maskPersonalData(first.message), ...rest])]
              : args;
          method.apply(this, masked.map((a) => (typeof a === 'string' ? maskPersonalData(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** An error as one line for a person (name, message, and its cause's), then the stack when there is one. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (cause: ${err.cause.message})` : '';
  const head = `${err.name}: ${err.message}${cause}`;
  const stack = err.stack?.split('\n').slice(1).join('\n');
  return stack ? `${head}\n${stack}` : head;
}
