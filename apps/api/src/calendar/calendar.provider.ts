import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarStore } from '../../../../libs/database/calendar-store';

/** The admin-run calendar (libs/database/calendar-store.ts), as a CalendarSource for the services that plan or show deadlines. */
export const CALENDAR_SOURCE = Symbol('CALENDAR_SOURCE');

export const calendarSourceProvider: Provider = { provide: CALENDAR_SOURCE, inject: [DataSource], useFactory: (db: DataSource) => new CalendarStore(db) };
