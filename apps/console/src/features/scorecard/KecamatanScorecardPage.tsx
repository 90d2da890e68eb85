import { FormEvent, useEffect, useState } from 'react';
import { ApiError, getJson } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useRouter } from '../../app/router';
import { useSession } from '../../app/session';
import { RowTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { SignInFirst } from '../../components/SignInFirst';

/** GET /v1/reports/kecamatan-scorecard: figures per office, no personal data. */
interface Figures {
  complaintsReceived: number;
  answeredOnTime: number;
  answeredOnTimeRate: number | null;
  openOverdue: number;
  illegalFeeReports: number;
  stepsDecided: number;
  stepsOnTime: number;
  stepsOnTimeRate: number | null;
}
interface Scorecard {
  month: string;
  kecamatan: string;
  name: string;
  total: Figures;
  offices: Array<Figures & { office: string; name: string; type: string }>;
}

const WORDS = {
  id: {
    title: 'Rapor kecamatan',
    lead: 'Kantor camat dan kantor kelurahannya berdampingan: pengaduan yang masuk, yang dijawab tepat waktu, yang terbuka dan terlambat, laporan pungutan liar, dan ketepatan waktu tahap perizinan.',
    kecamatan: 'Kecamatan (id kantor)',
    month: 'Bulan',
    show: 'Tampilkan',
    office: 'Kantor',
    received: 'Pengaduan masuk',
    onTime: 'Dijawab tepat waktu',
    overdue: 'Terbuka & terlambat',
    illegalFee: 'Pungutan liar',
    steps: 'Tahap diputus',
    stepsOnTime: 'Tahap tepat waktu',
    total: 'Jumlah kecamatan',
    signIn: 'Rapor ini untuk admin dan petugas kantor di kecamatan tersebut. Silakan masuk.',
    forbidden: 'Token Anda tidak boleh membaca rapor kecamatan ini: petugas hanya membaca kecamatan kantornya sendiri.',
    error: 'Rapor tidak dapat dimuat.',
    loading: 'Memuat…',
  },
  en: {
    title: 'Kecamatan scorecard',
    lead: "The camat's office and its kelurahan offices side by side: complaints received, answered on time, open and overdue, illegal-fee reports, and the timeliness of permit steps.",
    kecamatan: 'Kecamatan (office id)',
    month: 'Month',
    show: 'Show',
    office: 'Office',
    received: 'Complaints received',
    onTime: 'Answered on time',
    overdue: 'Open & overdue',
    illegalFee: 'Illegal fees',
    steps: 'Steps decided',
    stepsOnTime: 'Steps on time',
    total: 'Kecamatan total',
    signIn: 'This scorecard is for admins and the officers of the kecamatan’s offices. Please sign in.',
    forbidden: 'Your token may not read this kecamatan’s scorecard: officers read their own office’s kecamatan only.',
    error: 'The scorecard cannot be loaded.',
    loading: 'Loading…',
  },
};

const currentMonth = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);

/** The kecamatan office of an office id: itself for kec-…, the kec-XX.XX.XX of a kel-XX.XX.XX.XXXX. */
export function kecamatanOfOffice(office: string | undefined): string {
  const m = /^(?:kec|kel)-(\d{2}\.\d{2}\.\d{2})/.exec(office ?? '');
  return m ? `kec-${m[1]}` : '';
}

const percent = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);

function cells(f: Figures): string[] {
  return [
    String(f.complaintsReceived),
    `${f.answeredOnTime} (${percent(f.answeredOnTimeRate)})`,
    String(f.openOverdue),
    String(f.illegalFeeReports),
    String(f.stepsDecided),
    `${f.stepsOnTime} (${percent(f.stepsOnTimeRate)})`,
  ];
}

/** `/skor-kecamatan?kecamatan=&month=`: the camat's scorecard. */
export function KecamatanScorecardPage() {
  const { lang } = useI18n();
  const w = WORDS[lang];
  const { session } = useSession();
  const { search, navigate } = useRouter();
  const params = new URLSearchParams(search);
  const kecamatan = params.get('kecamatan') ?? kecamatanOfOffice(session?.office);
  const month = params.get('month') ?? currentMonth();
  const [draft, setDraft] = useState({ kecamatan, month });
  const [data, setData] = useState<Scorecard | 'forbidden' | 'failed' | undefined>();

  useEffect(() => {
    if (!session || !kecamatan) return;
    let live = true;
    setData(undefined);
    getJson<Scorecard>(`/v1/reports/kecamatan-scorecard?kecamatan=${encodeURIComponent(kecamatan)}&month=${encodeURIComponent(month)}`, session.token).then(
      (d) => live && setData(d),
      (err: unknown) => live && setData(err instanceof ApiError && err.status === 403 ? 'forbidden' : 'failed'),
    );
    return () => {
      live = false;
    };
  }, [session, kecamatan, month]);

  const show = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/skor-kecamatan?kecamatan=${encodeURIComponent(draft.kecamatan.trim())}&month=${encodeURIComponent(draft.month)}`);
  };

  if (!session) return <SignInFirst title={w.title} why={w.signIn} />;
  const columns = [w.office, w.received, w.onTime, w.overdue, w.illegalFee, w.steps, w.stepsOnTime];
  return (
    <>
      <h1>{data && typeof data === 'object' ? `${w.title}: ${data.name}` : w.title}</h1>
      <p>{w.lead}</p>
      <form onSubmit={show} className="filters">
        <label>
          {w.kecamatan} <input name="kecamatan" value={draft.kecamatan} onChange={(e) => setDraft({ ...draft, kecamatan: e.target.value })} placeholder="kec-31.74.01" />
        </label>
        <label>
          {w.month} <input name="month" type="month" value={draft.month} onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && setDraft({ ...draft, month: e.target.value })} />
        </label>
        <button type="submit">{w.show}</button>
      </form>
      {kecamatan && data === undefined && <p aria-live="polite">{w.loading}</p>}
      {data === 'forbidden' && (
        <p className="error" role="alert">
          {w.forbidden}
        </p>
      )}
      {data === 'failed' && (
        <p className="error" role="alert">
          {w.error}
        </p>
      )}
      {data && typeof data === 'object' && (
        <Section id="scorecard" title={`${data.name} · ${data.month}`}>
          <RowTable
            scroll={false}
            columns={columns}
            rows={[...data.offices, { ...data.total, office: 'total', name: w.total, type: 'total' }]}
            rowKey={(o) => o.office}
            rowData={(o) => ({ 'data-office': o.office })}
            cells={(o) => [o.name, ...cells(o)]}
          />
        </Section>
      )}
    </>
  );
}
