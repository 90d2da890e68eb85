// The inbox's state is its URL query: the queue and the filters, under exactly these names, so a link
// from elsewhere (the SLA wall links to /kotak-masuk?queue=open&permitType=X&step=Y) opens the same
// list, and a task page knows which queue to continue with. Only codes and ids: no personal data.

export const QUEUES = ['mine', 'unclaimed', 'open', 'done'] as const;
export type Queue = (typeof QUEUES)[number];
export const DUE_WINDOWS = ['overdue', 'soon', 'later'] as const;
export type DueWindow = (typeof DUE_WINDOWS)[number];

export interface InboxQuery {
  queue: Queue;
  permitType?: string;
  step?: string;
  office?: string;
  due?: DueWindow;
}

/** The filters, in the order they appear in a URL. */
export const FILTERS = ['permitType', 'step', 'office', 'due'] as const;
export type Filter = (typeof FILTERS)[number];

/** Without a queue in the URL, every open task of the caller's scope, as the inbox listed before queues. */
export const DEFAULT_QUEUE: Queue = 'open';

const VALID: Record<Filter, RegExp> = {
  permitType: /^[A-Z][A-Z0-9_]{1,31}$/,
  step: /^[a-z][a-z0-9_]{0,63}$/,
  office: /^[a-z0-9.-]{3,80}$/,
  due: /^(overdue|soon|later)$/,
};

/** Reads the query string; values the API would refuse are dropped, so a hand-edited URL still opens a list. */
export function parseInboxQuery(search: string): InboxQuery {
  const params = new URLSearchParams(search);
  const queue = params.get('queue');
  const q: InboxQuery = { queue: (QUEUES as readonly string[]).includes(queue ?? '') ? (queue as Queue) : DEFAULT_QUEUE };
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v && VALID[f].test(v)) (q as unknown as Record<string, string>)[f] = v;
  }
  return q;
}

/** The query string of an inbox state (with its `?`): the queue first, then the filters set. */
export function inboxSearch(q: InboxQuery): string {
  const params = new URLSearchParams({ queue: q.queue });
  for (const f of FILTERS) if (q[f]) params.set(f, q[f]!);
  return `?${params.toString()}`;
}

/** The filters alone, as GET /v1/tasks/counts takes them. */
export function filterParams(q: InboxQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const f of FILTERS) if (q[f]) params.set(f, q[f]!);
  return params;
}

/** GET /v1/tasks for one page of the queue. */
export function tasksPath(q: InboxQuery, limit = 100): string {
  const params = filterParams(q);
  params.set('queue', q.queue);
  params.set('limit', String(limit));
  return `/v1/tasks?${params.toString()}`;
}

export function countsPath(q: InboxQuery): string {
  const params = filterParams(q).toString();
  return `/v1/tasks/counts${params ? `?${params}` : ''}`;
}

/** A new state with one filter changed (empty clears it), the queue kept. */
export function withFilter(q: InboxQuery, filter: Filter, value: string): InboxQuery {
  const next: InboxQuery = { ...q };
  if (value) (next as unknown as Record<string, string>)[filter] = value;
  else delete next[filter];
  // A step belongs to a permit type: changing the type clears it.
  if (filter === 'permitType') delete next.step;
  return next;
}

/** After a decision on `decided`, the task to open next: the first other task of the same queue. */
export function nextTask<T extends { id: string }>(items: readonly T[], decided: string): T | undefined {
  return items.find((t) => t.id !== decided);
}
