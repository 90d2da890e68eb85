import type { DataSource } from 'typeorm';
import type { Transporter } from 'nodemailer';

export interface Notification {
  dedupKey: string;
  channel: 'email' | 'sms' | 'webhook';
  recipient: string;
  subject: string;
  body: string;
}

export interface SendOptions {
  /**
   * Write the outbox row (failing as the database fails), but do not fail when delivery does: the row
   * stays unsent (`sent_at` NULL) and the error is returned, for callers that must not wait on a mail
   * server: the projection, which sends escalation notices beside the state it writes.
   */
  bestEffort?: boolean;
}

export interface Notifier {
  /** Resolves to the delivery error when `bestEffort` kept it from throwing. */
  send(n: Notification, opts?: SendOptions): Promise<Error | undefined>;
  /** Delivers an outbox row written earlier and still unsent; throws while delivery fails, false when there is no such row. */
  resend(dedupKey: string): Promise<boolean>;
}

/** Outgoing messages beyond email: an SMS gateway sits behind this interface. */
export interface SmsGateway {
  send(to: string, text: string): Promise<void>;
}

/**
 * Every notification is first written to the `notification` table under its de-duplication key,
 * then delivered once: a retried activity finds `sent_at` set and sends nothing.
 * Without SMTP configured, the table is the outbox an operator reads.
 */
export class OutboxNotifier implements Notifier {
  constructor(
    private readonly db: DataSource,
    private readonly mail?: { transport: Transporter; from: string },
    private readonly sms?: SmsGateway,
  ) {}

  async send(n: Notification, opts: SendOptions = {}): Promise<Error | undefined> {
    const rows: Array<{ sent_at: Date | null }> = await this.db.query(
      `INSERT INTO notification (dedup_key, channel, recipient, subject, body) VALUES ($1,$2,$3,$4,$5)
       ON CONFLICT (dedup_key) DO UPDATE SET dedup_key = excluded.dedup_key RETURNING sent_at`,
      [n.dedupKey, n.channel, n.recipient, n.subject, n.body],
    );
    if (rows[0]?.sent_at) return undefined;
    try {
      await this.deliver(n);
    } catch (err) {
      if (!opts.bestEffort) throw err;
      return err instanceof Error ? err : new Error(String(err));
    }
    return undefined;
  }

  async resend(dedupKey: string): Promise<boolean> {
    const rows: Array<Notification & { sent_at: Date | null }> = await this.db.query(
      `SELECT dedup_key AS "dedupKey", channel, recipient, subject, body, sent_at FROM notification WHERE dedup_key = $1`,
      [dedupKey],
    );
    if (rows.length === 0) return false;
    if (!rows[0].sent_at) await this.deliver(rows[0]);
    return true;
  }

  /** Hands the message to the mail server or SMS gateway and marks the row sent; without either, leaves it for an operator. */
  private async deliver(n: Notification): Promise<void> {
    if (n.channel === 'email' && this.mail) {
      await this.mail.transport.sendMail({ from: this.mail.from, to: n.recipient, subject: n.subject, text: n.body, messageId: `<${n.dedupKey}@satupintu>` });
    } else if (n.channel === 'sms' && this.sms) {
      await this.sms.send(n.recipient, n.body);
    } else {
      return;
    }
    await this.db.query(`UPDATE notification SET sent_at = now() WHERE dedup_key = $1`, [n.dedupKey]);
  }
}
