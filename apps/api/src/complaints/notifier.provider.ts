import { Provider } from '@nestjs/common';
import * as nodemailer from 'nodemailer';
import { DataSource } from 'typeorm';
import { OutboxNotifier } from '../../../../activities/notifier';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../config.provider';

export const COMPLAINT_NOTIFIER = Symbol('COMPLAINT_NOTIFIER');

/** The outbox notifier the complaints escalate through, mailing by SMTP when one is configured. */
export const complaintNotifierProvider: Provider = {
  provide: COMPLAINT_NOTIFIER,
  inject: [DataSource, APP_CONFIG],
  useFactory: (db: DataSource, config: AppConfig) => {
    const smtp = config.smtp;
    const mail = smtp ? { transport: nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false }), from: smtp.from } : undefined;
    return new OutboxNotifier(db, mail);
  },
};
