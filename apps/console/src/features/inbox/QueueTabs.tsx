import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { type InboxQuery, inboxSearch, QUEUES } from './query';

export type QueueCounts = Record<InboxQuery['queue'], number>;

/** The four queues as links (the queue is in the URL), each with its count under the current filters. */
export function QueueTabs({ query, counts }: { query: InboxQuery; counts?: QueueCounts }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('queue.label')} className="queues">
      <ul>
        {QUEUES.map((queue) => (
          <li key={queue}>
            <Link to={`/kotak-masuk${inboxSearch({ ...query, queue })}`} current={query.queue === queue}>
              {t(`queue.${queue}`)} <span className="count">{counts ? counts[queue] : '…'}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
