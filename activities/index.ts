import type { DataSource } from 'typeorm';
import type { BusinessCalendar } from '../libs/calendar';
import { createDeadlineActivities } from './deadline.activities';
import { createEscalationActivities } from './escalation.activities';
import type { Notifier } from './notifier';
import { createProjectionActivities } from './projection.activities';

export interface ActivityDeps {
  db: DataSource;
  calendar: BusinessCalendar;
  notifier: Notifier;
}

/** All activities, built from their dependencies; workflows proxy `ReturnType<typeof createActivities>`. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDeadlineActivities(deps.calendar),
    ...createProjectionActivities(deps.db),
    ...createEscalationActivities(deps.db, deps.notifier),
  };
}

export type Activities = ReturnType<typeof createActivities>;
