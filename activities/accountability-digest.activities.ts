import type { DataSource } from 'typeorm';
import { jakartaMonthOf, readPublicAccountability, type GovernorListEntry } from '../libs/accountability/public-accountability';
import { jakartaLocalDate } from '../libs/calendar';
import type { Notifier } from './notifier';

function digestBody(agency: { name: string; missedDeadlines: number; openOverdue: number }, month: string, listed: GovernorListEntry[], publicBaseUrl: string): string {
  const lines = [
    `Yth. Kepala ${agency.name},`,
    '',
    `Bulan ${month}: ${agency.missedDeadlines} tahap melewati batas waktu, ${agency.openOverdue} di antaranya masih terbuka.`,
  ];
  if (listed.length > 0) {
    lines.push('', 'Tahap dalam daftar gubernur:');
    for (const e of listed) lines.push(`- ${e.permitType} / ${e.stepName} (${e.officeName}): terlambat ${e.businessDaysOverdue} hari kerja${e.decided ? ', sudah diputus' : ''}`);
  }
  lines.push('', `Daftar lengkap: ${publicBaseUrl.replace(/\/$/, '')}/akuntabilitas?month=${month}`, '', 'satupintu, PTSP DKI Jakarta.');
  return `${lines.join('\n')}\n`;
}

/** The weekly digest to the heads of the agencies on the public accountability list. */
export function createAccountabilityDigestActivities(db: DataSource, notifier: Notifier, publicBaseUrl: string) {
  return {
    /**
     * One mail per agency head, keyed by the Jakarta day and agency in the notification outbox: a retried
     * activity or a re-run schedule on the same day sends nothing twice. Returns the agencies mailed.
     */
    async sendAccountabilityDigest({ at }: { at: string }): Promise<string[]> {
      const now = new Date(at);
      const month = jakartaMonthOf(now);
      const report = await readPublicAccountability(db, month, now);
      if (report.agencies.length === 0) return [];
      const heads: Array<{ code: string; head_email: string | null }> = await db.query(`SELECT code, head_email FROM agency WHERE code = ANY($1)`, [report.agencies.map((a) => a.agency)]);
      const emailOf = new Map(heads.map((h) => [h.code, h.head_email]));
      const day = jakartaLocalDate(now);
      const mailed: string[] = [];
      for (const agency of report.agencies) {
        const to = emailOf.get(agency.agency);
        if (!to) continue;
        await notifier.send({
          dedupKey: `accountability-digest:${day}:${agency.agency}`,
          channel: 'email',
          recipient: to,
          subject: `[satupintu] Akuntabilitas ${month}: ${agency.name}, ${agency.missedDeadlines} tenggat terlewat`,
          body: digestBody(agency, month, report.governorList.filter((e) => e.agency === agency.agency), publicBaseUrl),
        });
        mailed.push(agency.agency);
      }
      return mailed;
    },
  };
}
