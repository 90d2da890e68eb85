import { FormEvent, useEffect, useState } from 'react';
import { ApiError, getJson } from '../../app/api';
import { useI18n } from '../../app/i18n';
import type { Session } from '../../app/session';
import { type ClaimAction, sendAssign, sendClaim } from './claims';
import type { InboxTask } from './types';

/**
 * Who holds the open task, with the officer's Claim / Release buttons and, for heads, the Assign
 * control. No officer directory exists (docs/api.md): a head types the officer's id, the one the
 * officer signs in with; the officers who hold open tasks of the office now are offered as suggestions.
 */
export function TaskHolder({ task, session, onChanged }: { task: InboxTask; session: Session; onChanged: (message?: string) => void }) {
  const { t } = useI18n();
  const [officer, setOfficer] = useState('');
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string>();
  const head = session.position === 'head';
  const [officers, setOfficers] = useState<string[]>([]);
  useEffect(() => {
    if (!head) return;
    getJson<{ items: InboxTask[] }>('/v1/tasks?queue=open&limit=200', session.token).then(
      (r) => setOfficers([...new Set(r.items.map((x) => x.claimedBy).filter((x): x is string => !!x))].sort()),
      () => undefined,
    );
  }, [head, session.token]);
  const mine = task.claimedBy === session.sub;
  const run = async (write: () => Promise<unknown>, message?: string) => {
    setSending(true);
    setFailure(undefined);
    try {
      await write();
      onChanged(message);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSending(false);
    }
  };
  const claim = (action: ClaimAction) => run(() => sendClaim(task.id, action, session.token));
  const assign = (e: FormEvent) => {
    e.preventDefault();
    const who = officer.trim();
    if (who) void run(() => sendAssign(task.id, who, session.token), t('assign.done', { who }));
  };
  return (
    <section aria-labelledby="holder" className="holder">
      <h2 id="holder">{t('claim.title')}</h2>
      <p role="status">{task.claimedBy ? (mine ? t('claim.byYou') : t('claim.byOther', { who: task.claimedBy })) : t('claim.nobody')}</p>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <p className="row">
        {!task.claimedBy && (
          <button type="button" disabled={sending} onClick={() => claim('claim')}>
            {t('claim.claimTask')}
          </button>
        )}
        {task.claimedBy && (mine || head) && (
          <button type="button" className="secondary" disabled={sending} onClick={() => claim('unclaim')}>
            {t('claim.releaseTask')}
          </button>
        )}
      </p>
      {head && (
        <form onSubmit={assign} className="assign">
          <label htmlFor="assign-officer">{t('assign.officer')}</label>
          <span className="row">
            <input id="assign-officer" list="assign-officers" value={officer} onChange={(e) => setOfficer(e.target.value)} aria-describedby="assign-hint" spellCheck={false} autoComplete="off" />
            <datalist id="assign-officers">
              {officers.map((o) => (
                <option key={o} value={o} />
              ))}
            </datalist>
            <button type="submit" disabled={sending || !officer.trim()}>
              {t('assign.submit')}
            </button>
          </span>
          <span className="hint block" id="assign-hint">
            {t('assign.hint')}
          </span>
        </form>
      )}
    </section>
  );
}
