import { FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, getJson } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link, useRouter } from '../../app/router';
import { useSession } from '../../app/session';
import type { PermitType } from '../catalogue/types';
import { LeagueTables } from './LeagueTables';
import { OnTimeChart } from './OnTimeChart';
import { PermitTypeWall } from './PermitTypeWall';
import { StepCount, totals } from './heat';
import { jakartaMonth } from './period';
import type { AgencyRow, OfficeRow, OpenSteps, Week } from './types';

export const REFRESH_MS = 30_000;

interface Board {
  steps: OpenSteps;
  agencies: AgencyRow[];
  offices: OfficeRow[];
  weeks: Week[];
  at: Date;
}

/** The permit types with the most overdue tasks first, then the most open: the wall's eye starts where files pile up. */
function byUrgency(types: PermitType[], items: StepCount[]): PermitType[] {
  const sums = new Map(types.map((t) => [t.code, totals(items, t.code)]));
  return [...types].sort((a, b) => sums.get(b.code)!.overdue - sums.get(a.code)!.overdue || sums.get(b.code)!.open - sums.get(a.code)!.open || a.code.localeCompare(b.code));
}

function Forbidden() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('sla.forbiddenTitle')}</h1>
      <p>{t('sla.forbidden')}</p>
      <p>
        <Link to="/masuk">{t('nav.signIn')}</Link>
      </p>
    </>
  );
}

/** The SLA wall: every permit type's diagram with open and overdue tasks per step, the league tables and the weekly on-time rate. */
export function SlaWallPage() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const { search, navigate } = useRouter();
  const wallScreen = new URLSearchParams(search).get('layar') === 'penuh';
  const allowed = session?.role === 'admin' || (session?.role === 'approver' && session.position === 'head');
  const [types, setTypes] = useState<PermitType[]>();
  const [board, setBoard] = useState<Board>();
  const [failure, setFailure] = useState<string>();
  const [forbidden, setForbidden] = useState(false);
  const [period, setPeriod] = useState(jakartaMonth);
  const [draft, setDraft] = useState(period);
  const [chartFor, setChartFor] = useState('');

  const load = useCallback(async () => {
    if (!session || !allowed) return;
    const range = `from=${period.from}&to=${period.to}`;
    const [kind, key] = chartFor.split(':');
    const filter = kind ? `&${kind}=${encodeURIComponent(key)}` : '';
    try {
      const [steps, agencies, offices, weeks] = await Promise.all([
        getJson<OpenSteps>('/v1/reports/open-steps', session.token),
        getJson<{ agencies: AgencyRow[] }>(`/v1/reports/sla/agencies?${range}`, session.token),
        getJson<{ offices: OfficeRow[] }>(`/v1/reports/sla/offices?${range}`, session.token),
        getJson<{ weeks: Week[] }>(`/v1/reports/sla/weeks?${range}${filter}`, session.token),
      ]);
      setBoard({ steps, agencies: agencies.agencies, offices: offices.offices, weeks: weeks.weeks, at: new Date() });
      setFailure(undefined);
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) setForbidden(true);
      else setFailure(err instanceof ApiError ? err.message : t('track.error'));
    }
  }, [session, allowed, period, chartFor, t]);

  useEffect(() => {
    getJson<{ items: PermitType[] }>('/v1/permit-types').then((r) => setTypes(r.items), () => setFailure(t('track.error')));
  }, [t]);
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);
  // Leaving the browser's full screen (Esc) leaves the wall-screen layout too.
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement && wallScreen) navigate('/sla');
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [wallScreen, navigate]);

  if (!allowed || forbidden) return <Forbidden />;
  const toggleScreen = () => {
    if (wallScreen) {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      navigate('/sla');
    } else {
      void document.documentElement.requestFullscreen?.().catch(() => undefined);
      navigate('/sla?layar=penuh');
    }
  };
  const applyPeriod = (e: FormEvent) => {
    e.preventDefault();
    if (draft.from && draft.to && draft.from <= draft.to) setPeriod(draft);
  };
  const refreshed = board ? new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(board.at) : '—';
  return (
    <div className={`sla-wall${wallScreen ? ' sla-wall-screen' : ''}`}>
      <div className="wall-head">
        <h1>{t('sla.title')}</h1>
        <p className="row">
          <span aria-live="polite" className="refreshed" data-at={board?.at.toISOString()}>
            {t('sla.refreshed', { time: `${refreshed} WIB` })}
          </span>
          <button type="button" className="button secondary" onClick={() => void load()}>
            {t('sla.refresh')}
          </button>
          <button type="button" className="button secondary" onClick={toggleScreen}>
            {wallScreen ? t('sla.exitFullscreen') : t('sla.fullscreen')}
          </button>
        </p>
      </div>
      {!wallScreen && <p className="hint">{t('sla.lead')}</p>}
      {failure && <p className="error" role="alert">{failure}</p>}
      {(!types || !board) && !failure && <p aria-live="polite">{t('track.loading')}</p>}
      {types && board && (
        <div className="wall-grid">
          <div className="wall-diagrams">
            {byUrgency(types, board.steps.items).map((type) => (
              <PermitTypeWall key={type.code} type={type} items={board.steps.items} />
            ))}
          </div>
          <aside className="wall-side" aria-label={t('sla.agencies')}>
            <form className="period" onSubmit={applyPeriod} aria-label={t('sla.period')}>
              <label htmlFor="sla-from">{t('sla.from')}</label>
              <input id="sla-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
              <label htmlFor="sla-to">{t('sla.to')}</label>
              <input id="sla-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
              <p>
                <button type="submit">{t('sla.apply')}</button>
              </p>
            </form>
            <section aria-labelledby="chart-heading">
              <h2 id="chart-heading">{t('sla.chart')}</h2>
              <label htmlFor="sla-chart-for">{t('sla.chartFor')}</label>
              <select id="sla-chart-for" value={chartFor} onChange={(e) => setChartFor(e.target.value)}>
                <option value="">{t('sla.all')}</option>
                <optgroup label={t('sla.agencies')}>
                  {board.agencies.map((a) => (
                    <option key={a.agency} value={`agency:${a.agency}`}>
                      {a.name ?? a.agency}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('sla.offices')}>
                  {board.offices.slice(0, 10).map((o) => (
                    <option key={o.office} value={`office:${o.office}`}>
                      {o.name}
                    </option>
                  ))}
                </optgroup>
              </select>
              <OnTimeChart weeks={board.weeks} title={t('sla.chart')} />
            </section>
            <LeagueTables agencies={board.agencies} offices={board.offices} />
          </aside>
        </div>
      )}
    </div>
  );
}
