import { useI18n } from '../../app/i18n';
import { jakartaDateTime } from '../../app/format';
import { businessTimeLeft, dueState } from './due';
import type { InboxTask } from './types';

/** The due time in Jakarta time, the business time left (or past), and the on-track / due-soon / overdue badge. */
export function TimeLeft({ task }: { task: InboxTask }) {
  const { t, lang } = useI18n();
  const state = dueState(task);
  const left = task.businessMinutesLeft;
  let text = '';
  if (left !== undefined && left !== null) {
    const b = businessTimeLeft(left);
    const time = b.days > 0 ? t('time.days', { d: b.days, h: b.hours }) : t('time.hours', { h: b.hours, m: b.minutes });
    text = t(b.late ? 'left.late' : 'left.ahead', { time });
  }
  return (
    <span>
      {jakartaDateTime(task.dueAt, lang)} <span className={`badge badge-${state}`}>{t(`due.${state}`)}</span>
      {text && <span className="hint block">{text}</span>}
    </span>
  );
}
