import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJson } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { LabelledSelect } from '../../components/LabelledSelect';
import { RowTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { AddClosureForm, CancelClosureForm, LoadYearForm } from './CalendarForms';
import type { CalendarYear, Closure } from './types';

/** The current year in Jakarta (UTC+7): a browser elsewhere still opens on Jakarta's year. */
const jakartaYear = () => new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

/** For admins: the working calendar of a year (holidays, cuti bersama, closures), and the forms that change it (docs/calendar.md). */
export function CalendarPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const thisYear = jakartaYear();
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];
  const [year, setYear] = useState(thisYear);
  const [shown, setShown] = useState<CalendarYear>();
  const [ahead, setAhead] = useState<CalendarYear[]>([]);
  const [failure, setFailure] = useState<string>();
  const [round, setRound] = useState(0);
  const admin = session?.role === 'admin';
  const reload = useCallback(() => setRound((r) => r + 1), []);

  useEffect(() => {
    if (!admin) return;
    const fail = (e: unknown) => setFailure(e instanceof ApiError ? e.message : t('track.error'));
    getJson<CalendarYear>(`/v1/calendar/years/${year}`, session.token).then(setShown, fail);
    // This year and the next ones: a year without its decree is said at the top, whichever year is shown.
    Promise.all([thisYear, thisYear + 1].map((y) => getJson<CalendarYear>(`/v1/calendar/years/${y}`, session.token))).then(setAhead, fail);
  }, [admin, session, year, thisYear, round, t]);

  if (!admin) {
    return (
      <>
        <h1>{t('calendar.title')}</h1>
        <p role="alert">{t('calendar.forbidden')}</p>
      </>
    );
  }
  return (
    <div className="calendar-page">
      <h1>{t('calendar.title')}</h1>
      <p className="hint">{t('calendar.lead')}</p>
      {ahead
        .filter((y) => y.status !== 'decreed')
        .map((y) => (
          <p key={y.year} className="notice" role="note" data-year={y.year}>
            {t(`calendar.${y.status}`, { year: y.year })}
          </p>
        ))}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <LabelledSelect id="calendar-year" label={t('calendar.year')} value={String(year)} onChange={(v) => setYear(Number(v))} choices={years.map((y) => ({ value: String(y), label: String(y) }))} />
      {shown && shown.year === year && (
        <>
          <p className="basis" data-status={shown.status}>
            {shown.status === 'decreed' ? t('calendar.decreed', { year, basis: shown.basis }) : t(`calendar.${shown.status}`, { year })}
          </p>
          <Closures closures={shown.closures} token={session.token} onChanged={reload} />
          <Section id="calendar-days" title={t('calendar.days')}>
            <RowTable
              className="holidays"
              scroll={false}
              empty={<p>{t('calendar.noDays')}</p>}
              columns={[t('calendar.date'), t('calendar.name'), t('calendar.kind')]}
              rows={shown.days}
              rowKey={(d, i) => `${d.date}-${i}`}
              cells={(d) => [d.date, d.name, t(`calendar.kind.${d.kind}`)]}
            />
          </Section>
        </>
      )}
      <AddClosureForm token={session.token} onDone={reload} />
      <LoadYearForm token={session.token} year={year} onDone={reload} />
    </div>
  );
}

/** The year's closures, each standing one with a button that opens the form to cancel it. */
function Closures({ closures, token, onChanged }: { closures: Closure[]; token: string; onChanged: () => void }) {
  const { t } = useI18n();
  const [cancelling, setCancelling] = useState<string>();
  return (
    <Section id="calendar-closures" title={t('calendar.closures')}>
      <RowTable
        className="closures"
        empty={<p>{t('calendar.noClosures')}</p>}
        columns={[t('calendar.date'), t('calendar.scope'), t('calendar.name'), t('calendar.decree'), t('calendar.reason'), t('calendar.status'), '']}
        rows={closures}
        rowKey={(c) => c.id}
        rowData={(c) => ({ 'data-closure': c.id })}
        cells={(c) => [
          c.date,
          c.officeId ?? t('calendar.province'),
          c.name,
          c.decree,
          c.status === 'cancelled' ? `${c.reason} (${t('calendar.status.cancelled')}: ${c.cancelReason ?? ''})` : c.reason,
          `${t(`calendar.status.${c.status}`)} · ${t('calendar.by')} ${c.createdBy}`,
          c.status === 'standing' ? (
            <button type="button" onClick={() => setCancelling(c.id)}>
              {t('calendar.cancel')}
            </button>
          ) : null,
        ]}
      />
      {cancelling && (
        <CancelClosureForm
          token={token}
          closureId={cancelling}
          onDone={() => {
            setCancelling(undefined);
            onChanged();
          }}
        />
      )}
    </Section>
  );
}
