import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJson, postJson } from '../../app/api';
import { jakartaDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { SignInFirst } from '../../components/SignInFirst';

/** An item of GET /v1/complaints/inbox: the public view and the description; never the contact details. */
interface InboxComplaint {
  trackingCode: string;
  status: 'received' | 'assigned' | 'answered' | 'reopened' | 'closed';
  category: string;
  officeName: string | null;
  description: string | null;
  dueAt: string | null;
  overdue: boolean;
  answer: string | null;
}

const WORDS = {
  id: {
    title: 'Pengaduan untuk kantor Anda',
    lead: 'Jawab setiap pengaduan secara terbuka dalam 5 hari kerja; jawaban dapat dibaca siapa pun yang memegang kodenya. Tanpa data pribadi dalam jawaban.',
    signIn: 'Halaman ini untuk petugas kantor yang menjawab pengaduan. Silakan masuk.',
    status: { received: 'Diterima', assigned: 'Menunggu jawaban', answered: 'Dijawab', reopened: 'Dibuka kembali', closed: 'Selesai' },
    about: 'Tentang',
    due: 'Jawab paling lambat',
    overdue: 'terlambat',
    answer: 'Jawaban publik',
    send: 'Kirim jawaban',
    close: 'Tutup pengaduan',
    none: 'Tidak ada pengaduan.',
    error: 'Daftar tidak dapat dimuat.',
    loading: 'Memuat…',
  },
  en: {
    title: "Complaints for your office",
    lead: 'Answer each complaint publicly within 5 business days; anyone holding its code reads the answer. No personal data in answers.',
    signIn: 'This page is for the officers of the office that answers complaints. Please sign in.',
    status: { received: 'Received', assigned: 'Awaiting an answer', answered: 'Answered', reopened: 'Reopened', closed: 'Closed' },
    about: 'About',
    due: 'Answer by',
    overdue: 'overdue',
    answer: 'Public answer',
    send: 'Send the answer',
    close: 'Close the complaint',
    none: 'No complaints.',
    error: 'The list cannot be loaded.',
    loading: 'Loading…',
  },
};

/** `/kotak-pengaduan`: the office's complaint inbox, with the public answer and the close. */
export function ComplaintInboxPage() {
  const { lang } = useI18n();
  const w = WORDS[lang];
  const { session } = useSession();
  const [items, setItems] = useState<InboxComplaint[] | 'failed'>();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string>();

  const load = useCallback(async () => {
    if (!session) return;
    try {
      setItems((await getJson<{ items: InboxComplaint[] }>('/v1/complaints/inbox?limit=200', session.token)).items);
    } catch (err) {
      setItems('failed');
      setRefusal(err instanceof ApiError ? err.message : undefined);
    }
  }, [session]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (code: string, action: 'answer' | 'close') => {
    try {
      await postJson(`/v1/complaints/${code}/${action}`, action === 'answer' ? { text: (drafts[code] ?? '').trim() } : {}, { token: session?.token });
      setRefusal(undefined);
      await load();
    } catch (err) {
      setRefusal(err instanceof ApiError ? err.message : String(err));
    }
  };

  if (!session) return <SignInFirst title={w.title} why={w.signIn} />;
  return (
    <>
      <h1>{w.title}</h1>
      <p>{w.lead}</p>
      {refusal && (
        <p className="error" role="alert">
          {refusal}
        </p>
      )}
      {items === undefined && <p aria-live="polite">{w.loading}</p>}
      {items === 'failed' && !refusal && <p className="error">{w.error}</p>}
      {Array.isArray(items) && items.length === 0 && <p>{w.none}</p>}
      {Array.isArray(items) && (
        <ul className="complaints">
          {items.map((c) => (
            <li key={c.trackingCode} data-complaint={c.trackingCode} data-status={c.status}>
              <h2>
                <Link to={`/pengaduan/${c.trackingCode}`}>{c.trackingCode}</Link> · {w.status[c.status]}
              </h2>
              <p>
                {w.about}: {c.officeName ?? '–'} · {c.category}
                {c.dueAt && (
                  <>
                    {' '}
                    · {w.due} {jakartaDateTime(c.dueAt, lang)}
                    {c.overdue && <strong className="overdue"> ({w.overdue})</strong>}
                  </>
                )}
              </p>
              {c.description && <blockquote>{c.description}</blockquote>}
              {c.answer && <p>{c.answer}</p>}
              {(c.status === 'assigned' || c.status === 'reopened') && (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void act(c.trackingCode, 'answer');
                  }}
                >
                  <label htmlFor={`answer-${c.trackingCode}`}>{w.answer}</label>
                  <textarea id={`answer-${c.trackingCode}`} rows={3} maxLength={4000} required value={drafts[c.trackingCode] ?? ''} onChange={(e) => setDrafts({ ...drafts, [c.trackingCode]: e.target.value })} />
                  <button type="submit">{w.send}</button>
                </form>
              )}
              {c.status === 'answered' && (
                <button type="button" onClick={() => void act(c.trackingCode, 'close')}>
                  {w.close}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
