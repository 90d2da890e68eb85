import pino, { Logger } from 'pino';

/**
 * A 16-digit NIK (national identity number) or an Indonesian phone number never reaches a log line:
 * both are masked in every message and field, whatever its name.
 */
const NIK = /\b(\d{6})\d{6}(\d{4})\b/g;
const PHONE = /(\+62|\b0)8\d{7,11}\b/g;

export function maskPersonalData(text: string): string {
  return text.replace(NIK, '$1******$2').replace(PHONE, (m) => `${m.slice(0, 4)}*****${m.slice(-2)}`);
}

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === 'nik' ? '****************' : maskDeep(v, depth + 1);
  return out;
}

export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (obj) => maskDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? maskPersonalData(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}
