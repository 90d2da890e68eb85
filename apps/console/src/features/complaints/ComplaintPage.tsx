import { FormEvent, useEffect, useState } from 'react';
import { ApiError, getJson, postJson } from '../../app/api';
import { jakartaDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Section } from '../../components/Section';

/** GET /v1/complaints/{code}: what anyone holding the code may see (docs/complaints.md); no personal data. */
interface Complaint {
  trackingCode: string;
  status: 'received' | 'assigned' | 'answered' | 'reopened' | 'closed';
  officeName: string | null;
  responsibleOfficeName: string | null;
  dueAt: string | null;
  overdue: boolean;
  answer: string | null;
  answeredAt: string | null;
  reopenUntil: string | null;
  timeline: Array<{ at: string; type: string; note: string | null }>;
}

const WORDS = {
  id: {
    title: 'Pengaduan',
    status: { received: 'Diterima', assigned: 'Ditangani kantor', answered: 'Dijawab', reopened: 'Dibuka kembali, menunggu jawaban baru', closed: 'Selesai' },
    about: 'Kantor yang dilaporkan',
    handler: 'Kantor yang menjawab',
    due: 'Batas jawaban',
    overdue: 'terlambat',
    answer: 'Jawaban kantor',
    history: 'Riwayat',
    events: {
      received: 'Pengaduan diterima',
      inspectorate_notified: 'Inspektorat diberi tahu',
      assigned: 'Diteruskan ke kantor yang menjawab',
      escalated: 'Belum dijawab: diteruskan ke atasan',
      answered: 'Dijawab',
      reopened: 'Dibuka kembali oleh pelapor',
      closed: 'Ditutup',
    } as Record<string, string>,
    reopen: 'Jawaban belum menyelesaikan masalah? Buka kembali (sekali)',
    until: 'paling lambat',
    pin: 'PIN tindak lanjut (diberikan saat melapor)',
    reason: 'Alasan',
    send: 'Buka kembali',
    notFound: 'Tidak ada pengaduan dengan kode ini.',
    error: 'Layanan sedang tidak dapat dihubungi. Coba lagi sebentar lagi.',
    loading: 'Memuat…',
  },
  en: {
    title: 'Complaint',
    status: { received: 'Received', assigned: 'With the office', answered: 'Answered', reopened: 'Reopened, awaiting a new answer', closed: 'Closed' },
    about: 'Office reported',
    handler: 'Office answering',
    due: 'Answer due',
    overdue: 'overdue',
    answer: "The office's answer",
    history: 'History',
    events: {
      received: 'Complaint received',
      inspectorate_notified: 'Inspectorate notified',
      assigned: 'Passed to the office that answers',
      escalated: 'Not answered: passed to a superior',
      answered: 'Answered',
      reopened: 'Reopened by the filer',
      closed: 'Closed',
    } as Record<string, string>,
    reopen: 'The answer does not settle it? Reopen it (once)',
    until: 'until',
    pin: 'Follow-up PIN (given when you reported)',
    reason: 'Why',
    send: 'Reopen',
    notFound: 'There is no complaint with this code.',
    error: 'The service cannot be reached right now. Try again in a moment.',
    loading: 'Loading…',
  },
};

/** `/pengaduan/{code}` (public): where a complaint stands, its answer, and the filer's one reopening. */
export function ComplaintPage({ code }: { code: string }) {
  const { lang } = useI18n();
  const w = WORDS[lang];
  const [complaint, setComplaint] = useState<Complaint | 'missing' | 'failed' | undefined>();
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string>();

  useEffect(() => {
    let live = true;
    getJson<Complaint>(`/v1/complaints/${encodeURIComponent(code)}`).then(
      (c) => live && setComplaint(c),
      (err: unknown) => live && setComplaint(err instanceof ApiError && err.status === 404 ? 'missing' : 'failed'),
    );
    return () => {
      live = false;
    };
  }, [code]);

  const reopen = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setComplaint(await postJson<Complaint>(`/v1/complaints/${encodeURIComponent(code)}/reopen`, { pin: pin.trim(), reason: reason.trim() }));
      setRefusal(undefined);
    } catch (err) {
      setRefusal(err instanceof ApiError ? err.message : w.error);
    }
  };

  if (complaint === undefined) return <p aria-live="polite">{w.loading}</p>;
  if (complaint === 'missing' || complaint === 'failed') {
    return (
      <>
        <h1>{w.title}</h1>
        <p className="error" role="alert">
          {complaint === 'missing' ? w.notFound : w.error}
        </p>
      </>
    );
  }
  return (
    <>
      <h1>
        {w.title} {complaint.trackingCode}
      </h1>
      <h2 data-status={complaint.status}>{w.status[complaint.status]}</h2>
      <dl>
        <dt>{w.about}</dt>
        <dd>{complaint.officeName ?? '–'}</dd>
        <dt>{w.handler}</dt>
        <dd>{complaint.responsibleOfficeName ?? '–'}</dd>
        {complaint.dueAt && (
          <>
            <dt>{w.due}</dt>
            <dd>
              {jakartaDateTime(complaint.dueAt, lang)}
              {complaint.overdue && <strong className="overdue"> ({w.overdue})</strong>}
            </dd>
          </>
        )}
      </dl>
      {complaint.answer && (
        <Section id="answer" title={w.answer}>
          <blockquote>{complaint.answer}</blockquote>
          {complaint.answeredAt && <p>{jakartaDateTime(complaint.answeredAt, lang)}</p>}
        </Section>
      )}
      {complaint.reopenUntil && (
        <Section id="reopen" title={`${w.reopen}, ${w.until} ${jakartaDateTime(complaint.reopenUntil, lang)}`}>
          <form onSubmit={reopen}>
            <label htmlFor="reopen-pin">{w.pin}</label>
            <input id="reopen-pin" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value)} maxLength={8} required />
            <label htmlFor="reopen-reason">{w.reason}</label>
            <textarea id="reopen-reason" rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} required />
            <button type="submit">{w.send}</button>
            {refusal && (
              <p className="error" role="alert">
                {refusal}
              </p>
            )}
          </form>
        </Section>
      )}
      <Section id="history" title={w.history}>
        <ol className="timeline">
          {complaint.timeline.map((e, i) => (
            <li key={i}>
              {jakartaDateTime(e.at, lang)}: {w.events[e.type] ?? e.type}
            </li>
          ))}
        </ol>
      </Section>
    </>
  );
}
