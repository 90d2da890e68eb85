// What a service refuses, in the domain's words. Nothing here knows HTTP: the ProblemFilter
// (common/problem.ts) is the one place that turns these into status codes and problem+json.

export interface FieldError {
  field: string;
  message: string;
}

/** A refusal the caller can act on. `kind` is stable: it becomes the problem `type`. */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** A one-line summary for the reader; the kind's usual summary when absent. */
  readonly summary?: string;
  /** Extra members of the answer (the field errors, a health report). */
  readonly extensions: Record<string, unknown>;

  protected constructor(detail: string, options: { summary?: string; extensions?: Record<string, unknown> } = {}) {
    super(detail);
    this.name = new.target.name;
    this.summary = options.summary;
    this.extensions = options.extensions ?? {};
  }
}

/** The request itself is not valid: each failing field is named. */
export class ValidationError extends DomainError {
  readonly kind: 'validation' | 'idempotency-key-missing';
  readonly errors: FieldError[];

  constructor(errors: FieldError[], options: { detail?: string; summary?: string; kind?: 'validation' | 'idempotency-key-missing' } = {}) {
    super(options.detail ?? `${errors.length} field(s) failed validation: ${[...new Set(errors.map((e) => e.field))].join(', ')}`, {
      summary: options.summary,
      extensions: { errors },
    });
    this.kind = options.kind ?? 'validation';
    this.errors = errors;
  }
}

export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized';
  constructor(detail: string) {
    super(detail);
  }
}

/**
 * The caller may not do this; `wrong-agency` when the workflow refuses a task of another agency or
 * office, `wrong-position` when it refuses a head's step to an officer.
 */
export class ForbiddenError extends DomainError {
  constructor(
    detail: string,
    readonly kind: 'forbidden' | 'wrong-agency' | 'wrong-position' | 'wrong-office' | 'wrong-pin' = 'forbidden',
  ) {
    super(detail);
  }
}

/** No such resource, or one the caller may not see: both answer alike, so ids cannot be probed. */
export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
  constructor(
    /** What was looked for, in words: 'Application', 'Task', 'Webhook'. */
    readonly resource: string,
    detail: string,
  ) {
    super(detail, { summary: `${resource} not found` });
  }
}

export type ConflictKind =
  | 'task-not-open'
  | 'task-claimed'
  | 'task-not-claimed'
  | 'application-closed'
  | 'awaiting-applicant'
  | 'no-revision-requested'
  | 'idempotency-key-in-use'
  | 'complaint-closed'
  | 'complaint-answered'
  | 'complaint-not-answered'
  | 'complaint-reopen-refused'
  | 'complaint-not-assigned'
  | 'calendar-day-closed';

/** The resource is in a state that refuses the request now. */
export class ConflictError extends DomainError {
  constructor(
    readonly kind: ConflictKind,
    detail: string,
    /** When retrying the same request later can succeed: the seconds to wait. */
    readonly retryAfterSec?: number,
  ) {
    super(detail);
  }
}

export type UnprocessableKind =
  | 'idempotency-key-reused'
  | 'unknown-permit-type'
  | 'unknown-office'
  | 'unknown-kelurahan'
  | 'invalid-data'
  | 'route-change'
  | 'unknown-tracking-code'
  | 'webhook-target-refused';

/** The request is well formed but names something that does not exist or is not allowed. */
export class UnprocessableError extends DomainError {
  constructor(
    readonly kind: UnprocessableKind,
    detail: string,
    errors?: FieldError[],
  ) {
    super(detail, { extensions: errors ? { errors } : {} });
  }
}

/** A backing service (PostgreSQL, Temporal, the key set) cannot serve the request now; the same request may succeed later. */
export class UnavailableError extends DomainError {
  readonly kind = 'unavailable';
  constructor(detail: string, extensions?: Record<string, unknown>) {
    super(detail, { extensions });
  }
}

export type DomainErrorKind = 'validation' | 'idempotency-key-missing' | 'unauthorized' | 'forbidden' | 'wrong-agency' | 'wrong-position' | 'wrong-office' | 'wrong-pin' | 'not-found' | ConflictKind | UnprocessableKind | 'unavailable';
