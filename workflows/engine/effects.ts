import type { ActivityOptions } from '@temporalio/workflow';

/**
 * How a workflow runs its quick effects (read-model projections, assignments, escalation notices): each
 * is idempotent, so it is retried briskly, backing off to once a minute, until it succeeds. The permit
 * engine runs them as local activities, a complaint as ordinary ones.
 */
export const EFFECT_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '1 minute' },
};
