import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SentNotice {
  kind: string;
  channel: 'sms' | 'email';
  at: string;
  delivered: boolean;
  deliveredAt: string | null;
}

/** The applicant notices of an application as the public may see them: no recipient, no text. */
@Injectable()
export class TrackNoticesRepository {
  constructor(private readonly db: DataSource) {}

  async forApplication(applicationId: string): Promise<SentNotice[]> {
    const rows: Array<{ kind: string; channel: 'sms' | 'email'; created_at: Date; delivered_at: Date | null }> = await this.db.query(
      `SELECT kind, channel, created_at, delivered_at FROM applicant_notice WHERE application_id = $1 ORDER BY event_seq, created_at`,
      [applicationId],
    );
    return rows.map((r) => ({
      kind: r.kind,
      channel: r.channel,
      at: r.created_at.toISOString(),
      delivered: r.delivered_at !== null,
      deliveredAt: r.delivered_at?.toISOString() ?? null,
    }));
  }
}
