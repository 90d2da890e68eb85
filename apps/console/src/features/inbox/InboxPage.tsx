import { useEffect, useMemo, useState } from 'react';
import { ApiError, getJson } from '../../app/api';
import { jakartaDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Link, useRouter } from '../../app/router';
import { useSession } from '../../app/session';
import { ScrollTable } from '../../components/ScrollTable';
import type { PermitType } from '../catalogue/types';
import { type ClaimAction, sendClaim } from './claims';
import { InboxFilters } from './InboxFilters';
import { countsPath, type Filter, inboxSearch, parseInboxQuery, tasksPath, withFilter } from './query';
import { type QueueCounts, QueueTabs } from './QueueTabs';
import { TimeLeft } from './TimeLeft';
import type { InboxTask } from './types';

/** The approver inbox: one queue at a time, its filters in the URL, claim and release on each open row. */
export function InboxPage() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const { search, navigate } = useRouter();
  const query = useMemo(() => parseInboxQuery(search), [search]);
  // The list is kept with the request it answers: a list of another queue or filter is never shown as this one's.
  const [listed, setListed] = useState<{ path: string; items: InboxTask[] }>();
  const [counts, setCounts] = useState<QueueCounts>();
  const [permitTypes, setPermitTypes] = useState<PermitType[]>([]);
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [loaded, setLoaded] = useState(0);

  useEffect(() => {
    getJson<{ items: PermitType[] }>('/v1/permit-types').then(
      (r) => setPermitTypes(r.items),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    if (!session) return;
    setFailure(undefined);
    const path = tasksPath(query);
    Promise.all([getJson<{ items: InboxTask[] }>(path, session.token), getJson<QueueCounts>(countsPath(query), session.token)]).then(
      ([list, c]) => {
        setListed({ path, items: list.items });
        setCounts(c);
      },
      (e: unknown) => setFailure(e instanceof ApiError ? e.message : t('track.error')),
    );
  }, [session, query, loaded, t]);

  const tasks = listed?.path === tasksPath(query) ? listed.items : undefined;
  if (!session) {
    return (
      <p>
        <Link to="/masuk">{t('nav.signIn')}</Link>
      </p>
    );
  }
  const change = (filter: Filter, value: string) => navigate(`/kotak-masuk${inboxSearch(withFilter(query, filter, value))}`, { replace: true });
  const act = async (task: InboxTask, action: ClaimAction) => {
    setBusy(task.id);
    try {
      await sendClaim(task.id, action, session.token);
      setLoaded((n) => n + 1);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <p className="eyebrow">
        {session.agency}
        {session.office ? ` · ${session.office}` : ''} · {session.sub}
      </p>
      <QueueTabs query={query} counts={counts} />
      <InboxFilters query={query} permitTypes={permitTypes} fixedOffice={session.office} onChange={change} />
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {!tasks && !failure && <p aria-live="polite">{t('track.loading')}</p>}
      {tasks && (
        <>
          <p aria-live="polite">{tasks.length === 0 ? t('inbox.empty') : t('inbox.inQueue', { n: tasks.length })}</p>
          {tasks.length > 0 && (
            <ScrollTable
              className="inbox"
              caption={t(`queue.${query.queue}`)}
              columns={[t('inbox.code'), t('inbox.permit'), t('track.step'), t('track.office'), t('inbox.received'), t('track.due'), t('inbox.escalation'), t('inbox.holder'), t('inbox.actions')]}
            >
              {tasks.map((task) => (
                <tr key={task.id}>
                  <td data-label={t('inbox.code')}>
                    <Link to={`/kotak-masuk/${encodeURIComponent(task.id)}${inboxSearch(query)}`}>
                      <span className="code">{task.trackingCode}</span>
                    </Link>
                  </td>
                  <td data-label={t('inbox.permit')}>{task.permitType}</td>
                  <td data-label={t('track.step')}>{task.stepName}</td>
                  <td data-label={t('track.office')}>{task.officeId}</td>
                  <td data-label={t('inbox.received')}>{jakartaDateTime(task.assignedAt, lang)}</td>
                  <td data-label={t('track.due')}>
                    <TimeLeft task={task} />
                  </td>
                  <td data-label={t('inbox.escalation')}>{task.escalationLevel > 0 ? `${t('escalation.level', { n: task.escalationLevel })} · ${task.escalationRung}` : '—'}</td>
                  <td data-label={t('inbox.holder')}>{task.claimedBy ? (task.claimedBy === session.sub ? t('claim.you') : task.claimedBy) : '—'}</td>
                  <td data-label={t('inbox.actions')}>
                    {task.status === 'open' && !task.claimedBy && (
                      <button type="button" className="small" disabled={busy === task.id} aria-label={t('claim.claimRow', { code: `${task.trackingCode} · ${task.stepName}` })} onClick={() => act(task, 'claim')}>
                        {t('claim.claim')}
                      </button>
                    )}
                    {task.status === 'open' && task.claimedBy === session.sub && (
                      <button type="button" className="small secondary" disabled={busy === task.id} aria-label={t('claim.releaseRow', { code: `${task.trackingCode} · ${task.stepName}` })} onClick={() => act(task, 'unclaim')}>
                        {t('claim.release')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </ScrollTable>
          )}
        </>
      )}
    </>
  );
}
