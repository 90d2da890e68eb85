import { FormEvent, useEffect, useMemo, useState } from 'react';
import { ApiError, getJson, postJson } from '../../app/api';
import { jakartaDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Link, useRouter } from '../../app/router';
import { useSession } from '../../app/session';
import { Dossier } from './Dossier';
import { inboxSearch, nextTask, parseInboxQuery, tasksPath } from './query';
import { TaskHolder } from './TaskHolder';
import { TimeLeft } from './TimeLeft';
import type { ApplicationForApprover, InboxTask } from './types';
import { Section } from '../../components/Section';

type Decision = 'approve' | 'reject' | 'request_revision';

export function TaskPage({ taskId }: { taskId: string }) {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const { navigate, search } = useRouter();
  // The queue the task was opened from (kept in the URL): the next task comes from it.
  const query = useMemo(() => parseInboxQuery(search), [search]);
  const [reloaded, setReloaded] = useState(0);
  const [notice, setNotice] = useState<string>();
  const [task, setTask] = useState<InboxTask>();
  const [app, setApp] = useState<ApplicationForApprover>();
  const [failure, setFailure] = useState<string>();
  const [decision, setDecision] = useState<Decision>('approve');
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  // One key per intent: a retry of the same decision (a timeout, a double click) is never a second decision.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [taskId]);

  useEffect(() => {
    if (!session) return;
    setFailure(undefined);
    getJson<InboxTask>(`/v1/tasks/${encodeURIComponent(taskId)}`, session.token)
      .then(async (found) => {
        // Shown together, so the holder and the timeline never disagree after a claim.
        const application = await getJson<ApplicationForApprover>(`/v1/applications/${found.applicationId}`, session.token);
        setTask(found);
        setApp(application);
      })
      .catch((e: unknown) => setFailure(e instanceof ApiError ? e.message : t('track.error')));
  }, [session, taskId, t, reloaded]);
  useEffect(() => {
    setTask(undefined);
    setApp(undefined);
    setNotice(undefined);
    setNote('');
    setDecision('approve');
  }, [taskId]);

  if (!session) return <Link to="/masuk">{t('nav.signIn')}</Link>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (decision !== 'approve' && !note.trim()) return setFailure(t('task.noteRequired'));
    setSending(true);
    try {
      await postJson(`/v1/tasks/${encodeURIComponent(taskId)}/decision`, { decision, ...(note.trim() ? { note: note.trim() } : {}) }, { token: session.token, idempotencyKey });
      const rest = await getJson<{ items: InboxTask[] }>(tasksPath(query), session.token);
      const next = query.queue === 'done' ? undefined : nextTask(rest.items, taskId);
      const kept = inboxSearch(query);
      navigate(next ? `/kotak-masuk/${encodeURIComponent(next.id)}${kept}` : `/kotak-masuk${kept}`);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <article className="task">
      <p>
        <Link to={`/kotak-masuk${inboxSearch(query)}`}>← {t(`queue.${query.queue}`)}</Link>
      </p>
      {failure && <p className="error" role="alert">{failure}</p>}
      {task && (
        <>
          <h1>{task.stepName}</h1>
          <p className="eyebrow">
            {task.permitType} · <span className="code">{task.trackingCode}</span>
          </p>
          <dl className="facts">
            <dt>{t('track.office')}</dt>
            <dd>{task.officeId}</dd>
            <dt>{t('track.since')}</dt>
            <dd>{jakartaDateTime(task.assignedAt, lang)}</dd>
            <dt>{t('track.due')}</dt>
            <dd>
              <TimeLeft task={task} />
            </dd>
            {task.escalationLevel > 0 && (
              <>
                <dt>{t('inbox.escalation')}</dt>
                <dd>
                  {t('escalation.level', { n: task.escalationLevel })} · {task.escalationRung}
                </dd>
              </>
            )}
          </dl>
          {notice && <p className="ok" role="status">{notice}</p>}
          {task.status === 'open' && (
            <TaskHolder
              task={task}
              session={session}
              onChanged={(message) => {
                setNotice(message);
                setReloaded((n) => n + 1);
              }}
            />
          )}
          <Dossier task={task} version={app?.definitionVersion} />
          {app && (
            <Section id="history" title={t('track.history')}>
              <ol className="timeline">
                {[...app.timeline].reverse().map((ev) => (
                  <li key={ev.seq}>
                    <time dateTime={ev.at}>{jakartaDateTime(ev.at, lang)}</time> {t(`event.${ev.type}`)}
                    {ev.agency ? ` · ${ev.agency}` : ''}
                    {ev.type.startsWith('task.') && ev.actor !== 'system' ? ` · ${ev.actor}` : ''}
                    {ev.assignee ? ` → ${ev.assignee}` : ''}
                    {[...(ev.changedFields ?? []), ...(ev.changedDocuments ?? [])].length > 0
                      ? ` · ${t('event.changed', { names: [...(ev.changedFields ?? []), ...(ev.changedDocuments ?? [])].join(', ') })}`
                      : ''}
                    {ev.note ? ` · “${ev.note}”` : ''}
                  </li>
                ))}
              </ol>
            </Section>
          )}
          {task.status === 'open' && (
            <form className="decision" onSubmit={submit}>
              <fieldset>
                <legend>{t('task.decision')}</legend>
                {(['approve', 'reject', 'request_revision'] as const).map((d) => (
                  <label key={d} className="choice">
                    <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} /> {t(`decision.${d}`)}
                  </label>
                ))}
              </fieldset>
              <label htmlFor="decision-note">{decision === 'approve' ? t('task.noteOptional') : t('task.noteReason')}</label>
              <textarea id="decision-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
              <p>
                <button type="submit" disabled={sending}>
                  {t('task.send')}
                </button>
              </p>
            </form>
          )}
        </>
      )}
    </article>
  );
}
