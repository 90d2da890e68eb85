import { useEffect, useState } from 'react';
import { getJson } from '../../app/api';
import { jakartaDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { RowTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';

/** GET /v1/public/accountability: public facts only (agencies, offices, steps, days). */
interface Accountability {
  month: string;
  agencies: Array<{ agency: string; name: string; missedDeadlines: number; openOverdue: number; governorListed: number }>;
  governorList: Array<{ agency: string; agencyName: string; officeName: string; stepName: string; permitType: string; listedAt: string; businessDaysOverdue: number; decided: boolean }>;
}

const WORDS = {
  id: {
    title: 'Akuntabilitas instansi',
    lead: 'Instansi yang melewati batas waktu layanan bulan ini, dan tahap yang masuk daftar gubernur. Tanpa data pribadi.',
    month: 'Bulan',
    ranking: 'Peringkat tenggat terlewat',
    agency: 'Instansi',
    missed: 'Tenggat terlewat',
    open: 'Masih terbuka',
    listed: 'Di daftar gubernur',
    governor: 'Daftar gubernur',
    step: 'Tahap',
    permit: 'Layanan',
    office: 'Kantor',
    since: 'Masuk daftar',
    days: 'Hari kerja terlambat',
    decided: 'sudah diputus',
    none: 'Tidak ada tenggat terlewat bulan ini.',
    noneListed: 'Tidak ada tahap di daftar gubernur bulan ini.',
    error: 'Data tidak dapat dimuat. Coba lagi sebentar lagi.',
    loading: 'Memuat…',
  },
  en: {
    title: 'Agency accountability',
    lead: "Agencies that missed service deadlines this month, and the steps on the governor's list. No personal data.",
    month: 'Month',
    ranking: 'Missed deadlines, ranked',
    agency: 'Agency',
    missed: 'Missed deadlines',
    open: 'Still open',
    listed: "On the governor's list",
    governor: "The governor's list",
    step: 'Step',
    permit: 'Service',
    office: 'Office',
    since: 'Listed',
    days: 'Business days late',
    decided: 'decided',
    none: 'No deadline was missed this month.',
    noneListed: "No step is on the governor's list this month.",
    error: 'The figures cannot be loaded right now. Try again in a moment.',
    loading: 'Loading…',
  },
};

function currentMonth(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
}

export function AccountabilityPage() {
  const { lang } = useI18n();
  const w = WORDS[lang];
  const [month, setMonth] = useState(() => new URLSearchParams(window.location.search).get('month') ?? currentMonth());
  const [data, setData] = useState<Accountability | 'failed' | undefined>();
  useEffect(() => {
    let live = true;
    setData(undefined);
    getJson<Accountability>(`/v1/public/accountability?month=${encodeURIComponent(month)}`).then(
      (d) => live && setData(d),
      () => live && setData('failed'),
    );
    return () => {
      live = false;
    };
  }, [month]);
  return (
    <>
      <h1>{w.title}</h1>
      <p>{w.lead}</p>
      <label>
        {w.month} <input type="month" value={month} onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && setMonth(e.target.value)} />
      </label>
      {data === undefined && <p aria-live="polite">{w.loading}</p>}
      {data === 'failed' && (
        <p className="error" role="alert">
          {w.error}
        </p>
      )}
      {data && data !== 'failed' && (
        <>
          <Section id="ranking" title={w.ranking}>
            {data.agencies.length === 0 ? (
              <p>{w.none}</p>
            ) : (
              <RowTable
                scroll={false}
                columns={[w.agency, w.missed, w.open, w.listed]}
                rows={data.agencies}
                rowKey={(a) => a.agency}
                cells={(a) => [a.name, a.missedDeadlines, a.openOverdue, a.governorListed]}
              />
            )}
          </Section>
          <Section id="governor" title={w.governor}>
            {data.governorList.length === 0 ? (
              <p>{w.noneListed}</p>
            ) : (
              <RowTable
                scroll={false}
                columns={[w.agency, w.office, w.permit, w.step, w.since, w.days]}
                rows={data.governorList}
                rowKey={(e, i) => `${e.agency}-${e.listedAt}-${i}`}
                cells={(e) => [e.agencyName, e.officeName, e.permitType, e.stepName, jakartaDateTime(e.listedAt, lang), `${e.businessDaysOverdue}${e.decided ? ` (${w.decided})` : ''}`]}
              />
            )}
          </Section>
        </>
      )}
    </>
  );
}
