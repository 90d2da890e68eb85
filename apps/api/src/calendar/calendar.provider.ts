import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarStore } from '../../../../libs/database/calendar-store';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../config.provider';

/**
 * The admin-run calendar (libs/database/calendar-store.ts), as a CalendarSource for the services that plan
 * or show deadlines. It listens for calendar changes, so reading the revision costs no query.
 */
export const CALENDAR_SOURCE = Symbol('CALENDAR_SOURCE');

export const calendarSourceProvider: Provider = {
  provide: CALENDAR_SOURCE,
  inject: [DataSource, APP_CONFIG],
  useFactory: (db: DataSource, config: AppConfig) => new CalendarStore(db).watch(config.databaseUrl),
};
