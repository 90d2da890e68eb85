import { useEffect, useState } from 'react';
import { ApiError, getJson } from '../../app/api';
import { jakartaDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { dueState } from './due';
import type { InboxTask } from './types';

export function InboxPage() {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const [tasks, setTasks] = useState<InboxTask[]>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    if (!session) return;
    getJson<{ items: InboxTask[] }>('/v1/tasks?status=open&limit=100', session.token).then(
      (r) => setTasks(r.items),
      (e: unknown) => setFailure(e instanceof ApiError ? e.message : t('track.error')),
    );
  }, [session, t]);
  if (!session) {
    return (
      <p>
        <Link to="/masuk">{t('nav.signIn')}</Link>
      </p>
    );
  }
  return (
    <>
      <h1>{t('inbox.title')}</h1>
      <p className="eyebrow">
        {session.agency}
        {session.office ? ` · ${session.office}` : ''}
      </p>
      {failure && <p className="error" role="alert">{failure}</p>}
      {!tasks && !failure && <p aria-live="polite">{t('track.loading')}</p>}
      {tasks && (
        <>
          <p>{t('inbox.count', { n: tasks.length })}</p>
          <div className="table-scroll">
            <table className="inbox">
              <caption className="visually-hidden">{t('inbox.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('inbox.code')}</th>
                  <th scope="col">{t('inbox.permit')}</th>
                  <th scope="col">{t('track.step')}</th>
                  <th scope="col">{t('track.office')}</th>
                  <th scope="col">{t('track.since')}</th>
                  <th scope="col">{t('track.due')}</th>
                </tr>
              </thead>
              <tbody>
                {tasks.map((task) => {
                  const state = dueState(task);
                  return (
                    <tr key={task.id}>
                      <td>
                        <Link to={`/kotak-masuk/${task.id}`}>{task.trackingCode}</Link>
                      </td>
                      <td>{task.permitType}</td>
                      <td>{task.stepName}</td>
                      <td>{task.officeId}</td>
                      <td>{jakartaDateTime(task.assignedAt, lang)}</td>
                      <td>
                        {jakartaDateTime(task.dueAt, lang)} <span className={`badge badge-${state}`}>{t(`due.${state}`)}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
