import { FormEvent, ReactNode, useState } from 'react';
import { ApiError, postJson } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { parseDecreeDays } from './types';

/**
 * A form that changes the calendar: its fields, a submit button that is off while the request is under way,
 * and then what came of it (role="status"). `send` makes the request and returns the sentence that says it
 * worked; on success `onDone` lets the page reload.
 */
function CalendarForm(props: { className: string; heading?: { id: string; text: ReactNode }; submitLabel: string; send: () => Promise<string>; onDone: () => void; children: ReactNode }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const [sending, setSending] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    try {
      setOutcome({ ok: true, text: await props.send() });
      props.onDone();
    } catch (err) {
      setOutcome({ ok: false, text: `${t('calendar.failed')} ${err instanceof ApiError || err instanceof Error ? err.message : String(err)}` });
    } finally {
      setSending(false);
    }
  };
  return (
    <form className={props.className} onSubmit={submit} aria-labelledby={props.heading?.id}>
      {props.heading && <h2 id={props.heading.id}>{props.heading.text}</h2>}
      {props.children}
      <button type="submit" disabled={sending}>
        {props.submitLabel}
      </button>
      {outcome && (
        <p role="status" className={outcome.ok ? 'ok' : 'error'}>
          {outcome.text}
        </p>
      )}
    </form>
  );
}

/** POST /v1/calendar/closures: one day closed for the province or one office, with its basis and reason. */
export function AddClosureForm({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useI18n();
  const [fields, setFields] = useState({ date: '', officeId: '', name: '', decree: '', reason: '' });
  const set = (k: keyof typeof fields) => (e: { target: { value: string } }) => setFields({ ...fields, [k]: e.target.value });
  const send = async () => {
    const { officeId, ...rest } = fields;
    await postJson('/v1/calendar/closures', { ...rest, ...(officeId.trim() ? { officeId: officeId.trim() } : {}) }, { token });
    return t('calendar.saved');
  };
  return (
    <CalendarForm className="calendar-closure" heading={{ id: 'calendar-add', text: t('calendar.add') }} submitLabel={t('calendar.addSubmit')} send={send} onDone={onDone}>
      <label htmlFor="closure-date">{t('calendar.date')}</label>
      <input id="closure-date" type="date" required value={fields.date} onChange={set('date')} />
      <label htmlFor="closure-office">{t('calendar.office')}</label>
      <input id="closure-office" value={fields.officeId} onChange={set('officeId')} placeholder="kel-31.71.01.1001" />
      <label htmlFor="closure-name">{t('calendar.name')}</label>
      <input id="closure-name" required maxLength={200} value={fields.name} onChange={set('name')} />
      <label htmlFor="closure-decree">{t('calendar.decree')}</label>
      <input id="closure-decree" required maxLength={300} value={fields.decree} onChange={set('decree')} />
      <label htmlFor="closure-reason">{t('calendar.reason')}</label>
      <textarea id="closure-reason" required rows={2} maxLength={1000} value={fields.reason} onChange={set('reason')} />
    </CalendarForm>
  );
}

/** POST /v1/calendar/closures/{id}/cancel with the reason. */
export function CancelClosureForm({ token, closureId, onDone }: { token: string; closureId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const send = async () => {
    await postJson(`/v1/calendar/closures/${encodeURIComponent(closureId)}/cancel`, { reason }, { token });
    return t('calendar.saved');
  };
  return (
    <CalendarForm className="calendar-cancel" submitLabel={t('calendar.cancelSubmit')} send={send} onDone={onDone}>
      <label htmlFor="cancel-reason">{t('calendar.cancelReason')}</label>
      <input id="cancel-reason" required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
    </CalendarForm>
  );
}

/** POST /v1/calendar/years/{year}/decree: the year's days from its decree, typed one a line. */
export function LoadYearForm({ token, year, onDone }: { token: string; year: number; onDone: () => void }) {
  const { t } = useI18n();
  const [decree, setDecree] = useState('');
  const [days, setDays] = useState('');
  const send = async () => {
    const parsed = parseDecreeDays(days);
    if ('badLine' in parsed) throw new Error(`${t('calendar.loadDays')}: ${parsed.badLine}`);
    const answer = await postJson<{ changed: boolean }>(`/v1/calendar/years/${year}/decree`, { decree, days: parsed.days }, { token });
    return answer.changed ? t('calendar.loaded') : t('calendar.unchanged');
  };
  return (
    <CalendarForm className="calendar-load" heading={{ id: 'calendar-load', text: `${t('calendar.load')} ${year}` }} submitLabel={t('calendar.loadSubmit')} send={send} onDone={onDone}>
      <label htmlFor="load-decree">{t('calendar.decree')}</label>
      <input id="load-decree" required maxLength={500} value={decree} onChange={(e) => setDecree(e.target.value)} />
      <label htmlFor="load-days">{t('calendar.loadDays')}</label>
      <textarea id="load-days" rows={8} value={days} onChange={(e) => setDays(e.target.value)} placeholder={`${year}-01-01;national;Tahun Baru ${year} Masehi`} />
    </CalendarForm>
  );
}
