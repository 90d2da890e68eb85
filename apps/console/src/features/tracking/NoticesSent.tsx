import { jakartaDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Section } from '../../components/Section';
import type { Tracked } from './types';

// The words of this section live beside it, so the shared dictionary (app/i18n.tsx) stays as it is.
const WORDS = {
  id: {
    title: 'Pemberitahuan kepada pemohon',
    none: 'Belum ada pemberitahuan.',
    delivered: 'terkirim',
    pending: 'belum terkirim',
    sms: 'SMS',
    email: 'email',
    hint: 'Isi pesan dan nomor atau alamat tujuan tidak ditampilkan.',
    kind: { filed: 'Permohonan diterima', revision_requested: 'Perlu perbaikan', issued: 'Izin terbit', rejected: 'Ditolak', deemed_granted: 'Dianggap dikabulkan', lapsed: 'Gugur' } as Record<string, string>,
  },
  en: {
    title: 'Notices to the applicant',
    none: 'No notice yet.',
    delivered: 'delivered',
    pending: 'not delivered yet',
    sms: 'SMS',
    email: 'email',
    hint: 'The text of the messages and the number or address they went to are not shown.',
    kind: { filed: 'Application received', revision_requested: 'Revision needed', issued: 'Permit issued', rejected: 'Rejected', deemed_granted: 'Deemed granted', lapsed: 'Lapsed' } as Record<string, string>,
  },
};

/** Which notices went to the applicant: kind, channel, when, delivered or not. Never their content. */
export function NoticesSent({ notices }: { notices: Tracked['notices'] }) {
  const { lang } = useI18n();
  const w = WORDS[lang];
  return (
    <Section id="notices" title={w.title} level={3}>
      {!notices || notices.length === 0 ? (
        <p>{w.none}</p>
      ) : (
        <ul className="notices">
          {notices.map((n, i) => (
            <li key={`${n.kind}-${n.channel}-${i}`}>
              <time dateTime={n.at}>{jakartaDateTime(n.at, lang)}</time> {w.kind[n.kind] ?? n.kind} · {w[n.channel]} ·{' '}
              <span className={`badge ${n.delivered ? 'badge-ok' : 'badge-overdue'}`}>{n.delivered ? w.delivered : w.pending}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="hint">{w.hint}</p>
    </Section>
  );
}
