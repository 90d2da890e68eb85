import { IsString, MaxLength, MinLength, ValidationOptions, registerDecorator } from 'class-validator';
import { checkNik } from '../../../../libs/identity/nik';

// C0 and C1 controls (tab and newline only where text may span lines), and the Unicode bidi
// embeddings, overrides and isolates that make "exe.txt" display as "txt.exe" (Trojan Source).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAKS = /[\t\n\r\u2028\u2029]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

export function plainTextProblem(value: unknown, multiline: boolean): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (CONTROLS.test(value)) return 'must not contain control characters';
  if (!multiline && LINE_BREAKS.test(value)) return 'must be a single line';
  if (BIDI.test(value)) return 'must not contain bidirectional override or isolate characters';
  if (value.trim().length === 0) return 'must not be blank';
  return undefined;
}

/** Text a person reads (names, addresses, notes): printable, no control or bidi-override characters. */
export function IsPlainText(opts: { multiline?: boolean } = {}, validationOptions?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPlainText',
      target: target.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => plainTextProblem(value, opts.multiline ?? false) === undefined,
        defaultMessage: (args) => `${args?.property} ${plainTextProblem(args?.value, opts.multiline ?? false)}`,
      },
    });
}

// A person's name: letters and marks of any script, digits, spaces and the punctuation of names and
// academic titles ("dr. Siti Rahayu, Sp.A", "Ni Luh Putu", "O'Brien"). No <, >, ;, quotes or backslashes.
const NAME = /^[\p{L}\p{M}\p{N} .,'’()/-]+$/u;

/** A person's name: one line of plain text in the characters names are made of. */
export function IsPersonName(validationOptions?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPersonName',
      target: target.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => plainTextProblem(value, false) === undefined && NAME.test(value as string),
        defaultMessage: (args) =>
          `${args?.property} ${plainTextProblem(args?.value, false) ?? "must hold only letters, digits, spaces and . , ' ( ) / -"}`,
      },
    });
}

/** A structurally valid NIK: province, regency, kecamatan, birth date (women +40), serial. */
export function IsNik(validationOptions?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNik',
      target: target.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => checkNik(value).valid,
        defaultMessage: (args) => {
          const r = checkNik(args?.value);
          return r.valid ? 'nik is valid' : r.message;
        },
      },
    });
}

/**
 * A string of plain text (IsPlainText) of at most `max` characters; with `minLength`, at least that many
 * (give 1 for a text that must not be empty); with `multiline`, lines allowed.
 */
export function IsText(max: number, opts: { minLength?: number; multiline?: boolean } = {}): PropertyDecorator {
  // Applied in the order a stack of the same decorators would be: the lowest first.
  const checks = [IsPlainText({ multiline: opts.multiline }), MaxLength(max), ...(opts.minLength ? [MinLength(opts.minLength)] : []), IsString()];
  return (target, property) => checks.forEach((check) => check(target, String(property)));
}

/** A note to a person (a reason, a reply): a string of at most 2,000 characters of plain text, lines allowed. */
export function IsNote(): PropertyDecorator {
  return IsText(2000, { multiline: true });
}
