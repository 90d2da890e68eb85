import { useEffect, useState } from 'react';
import { ApiError, getJson } from '../../app/api';
import { jakartaDateTime, rupiah } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { ComplaintForm } from './ComplaintForm';
import { NoticesSent } from './NoticesSent';
import { TrackForm } from './TrackForm';
import type { Tracked } from './types';
import { Section } from '../../components/Section';

type Load = { state: 'loading' } | { state: 'found'; app: Tracked } | { state: 'missing' } | { state: 'failed' };

export function TrackingPage({ code }: { code?: string }) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    if (!code) return;
    let live = true;
    setLoad({ state: 'loading' });
    getJson<Tracked>(`/v1/track/${encodeURIComponent(code)}`).then(
      (app) => live && setLoad({ state: 'found', app }),
      (err: unknown) => live && setLoad({ state: err instanceof ApiError && err.status === 404 ? 'missing' : 'failed' }),
    );
    return () => {
      live = false;
    };
  }, [code]);

  return (
    <>
      <h1>{t('track.title')}</h1>
      <TrackForm initial={code} key={code} />
      {code && load.state === 'loading' && <p aria-live="polite">{t('track.loading')}</p>}
      {code && load.state === 'missing' && <p className="error" role="alert">{t('track.notFound')}</p>}
      {code && load.state === 'failed' && <p className="error" role="alert">{t('track.error')}</p>}
      {code && load.state === 'found' && <Application app={load.app} />}
    </>
  );
}

function Application({ app }: { app: Tracked }) {
  const { t, lang } = useI18n();
  const headline = app.deemedGranted ? t('status.deemed') : t(`status.${app.status}`);
  return (
    <article className="tracked" aria-labelledby="headline">
      <p className="eyebrow">
        {app.permitName ?? app.permitType} · <span className="code">{app.trackingCode}</span>
      </p>
      <h2 id="headline" className={`status status-${app.status}`}>
        {headline}
      </h2>
      {app.status === 'awaiting_applicant' && <p className="notice">{t('track.revision')}</p>}
      <dl className="facts">
        <dt>{t('track.submittedAt')}</dt>
        <dd>{jakartaDateTime(app.submittedAt, lang)}</dd>
        <dt>{t('track.receivingOffice')}</dt>
        <dd>{app.receivingOffice}</dd>
        <dt>{app.decidedAt ? t('track.decidedAt') : t('track.dueAt')}</dt>
        <dd>{jakartaDateTime(app.decidedAt ?? app.dueAt, lang)}</dd>
      </dl>

      <Section id="now" title={t('track.now')} level={3}>
        {app.currentSteps.length === 0 ? (
          <p>{t('track.noOpenSteps')}</p>
        ) : (
          <ul className="steps">
            {app.currentSteps.map((s) => (
              <li key={`${s.step}-${s.officeId}`} className={s.overdue ? 'overdue' : undefined}>
                <strong>{s.step}</strong>
                <span className={`badge ${s.overdue ? 'badge-overdue' : 'badge-ok'}`}>{s.overdue ? t('track.overdue') : t('track.onTrack')}</span>
                <dl>
                  <dt>{t('track.agency')}</dt>
                  <dd>{s.agency}</dd>
                  <dt>{t('track.office')}</dt>
                  <dd>{s.office}</dd>
                  <dt>{t('track.since')}</dt>
                  <dd>{jakartaDateTime(s.assignedAt, lang)}</dd>
                  <dt>{t('track.due')}</dt>
                  <dd>{jakartaDateTime(s.dueAt, lang)}</dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="fee" title={t('track.fee')} level={3}>
        <p className="fee">{!app.officialFee || app.officialFee.amount === 0 ? t('track.free') : rupiah(app.officialFee.amount, lang)}</p>
        {app.officialFee && (
          <p className="hint">
            {t('track.legalBasis')}: {app.officialFee.legalBasis}
          </p>
        )}
      </Section>

      <Section id="history" title={t('track.history')} level={3}>
        <ol className="timeline">
          {[...app.timeline].reverse().map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <time dateTime={e.at}>{jakartaDateTime(e.at, lang)}</time> {t(`event.${e.type}`)}
              {e.agency ? ` · ${e.agency}` : ''}
            </li>
          ))}
        </ol>
      </Section>

      <NoticesSent notices={app.notices} />

      <Section id="report" title={t('track.bribeTitle')} level={3} className="report">
        <p>{t('track.bribeLead')}</p>
        <ComplaintForm trackingCode={app.trackingCode} offices={offices(app)} />
      </Section>
      <p className="hint">{t('track.share')}</p>
    </article>
  );
}

function offices(app: Tracked): Array<{ id: string; name: string }> {
  const all = [{ id: app.receivingOfficeId, name: app.receivingOffice }, ...app.currentSteps.map((s) => ({ id: s.officeId, name: s.office }))];
  return all.filter((o, i) => all.findIndex((x) => x.id === o.id) === i);
}
