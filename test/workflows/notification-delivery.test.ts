// Story: an escalation notice could not go out with its projection (the projection tries once) because
// the mail server was down; its delivery workflow retries with backoff until the server is back, and the
// message arrives once. A server that stays down for three days makes the workflow give up, the row unsent.
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import type { notificationDelivery } from '../../workflows/delivery/notification-delivery';
import { NOTIFICATION_DELIVERY_WORKFLOW, notificationDeliveryWorkflowId } from '../../workflows/delivery/contracts';
import { closedPort, LocalSmtp, startSmtp } from '../support/smtp';
import { eventually, startTimeSkipping, TimeSkippingHarness } from '../support/time-skipping';

describe('an escalation notice the mail server refused', () => {
  let h: TimeSkippingHarness;
  let port: number;
  let smtp: LocalSmtp | undefined;
  beforeAll(async () => {
    port = await closedPort();
    h = await startTimeSkipping(`notices-${randomUUID()}`, { smtp: { host: '127.0.0.1', port, from: 'satupintu@jakarta.go.id' } });
  });
  afterAll(async () => {
    await smtp?.close();
    await h?.close();
  });

  /** An outbox row as the projection leaves it when delivery fails: written, not sent. */
  async function unsentNotice(): Promise<string> {
    const dedupKey = `escalation:NOTICE${randomUUID().slice(0, 8)}.kecamatan_technical_review.1:reminder`;
    await h.db.query(`INSERT INTO notification (dedup_key, channel, recipient, subject, body) VALUES ($1, 'email', $2, $3, $4)`, [
      dedupKey,
      'assignee@kecamatan.jakarta.go.id',
      `[satupintu] PBG ${dedupKey.slice(11, 25)}: step kecamatan_technical_review at the officer holding the step`,
      'Application waits on KECAMATAN.',
    ]);
    return dedupKey;
  }

  const startDelivery = (dedupKey: string) =>
    h.env.client.workflow.start<typeof notificationDelivery>(NOTIFICATION_DELIVERY_WORKFLOW, { workflowId: notificationDeliveryWorkflowId({ dedupKey }), taskQueue: h.taskQueue, args: [{ dedupKey }] });

  const sentAt = async (dedupKey: string): Promise<Date | null> =>
    ((await h.db.query(`SELECT sent_at FROM notification WHERE dedup_key = $1`, [dedupKey])) as Array<{ sent_at: Date | null }>)[0].sent_at;

  it('is delivered once when the mail server comes back', async () => {
    const dedupKey = await unsentNotice();
    const handle = await startDelivery(dedupKey);
    // Still down for a simulated minute: a few attempts fail, the row stays unsent.
    await h.env.sleep('1 minute');
    expect(await sentAt(dedupKey)).toBeNull();
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // The server is back on the same port: the next attempt (at most 10 minutes later) delivers.
    smtp = await startSmtp(port);
    await h.env.sleep('15 minutes');
    await handle.result();
    expect(await sentAt(dedupKey)).toBeInstanceOf(Date);
    // Header lines may be folded: look for the notice's own token, which its subject and Message-ID carry.
    const token = dedupKey.slice(11, 25);
    const mails = await eventually(async () => smtp!.received.filter((m) => m.data.includes(token)), (m) => m.length > 0, 'the notice received');
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['<assignee@kecamatan.jakarta.go.id>']);
  });

  it('fails at once, without retrying, for a notification the outbox does not hold', async () => {
    const failure = await startDelivery('escalation:NOSUCHROW.step.1:reminder').then((x) => x.result().then(() => undefined, (err: unknown) => err));
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause?.cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('NotificationMissing');
  });

  it('gives up after three days of a server that stays down, leaving the row unsent for an operator', async () => {
    await smtp?.close();
    smtp = undefined;
    const dedupKey = await unsentNotice();
    const handle = await startDelivery(dedupKey);
    await h.env.sleep('3 days');
    await expect(handle.result()).rejects.toThrow(WorkflowFailedError);
    expect(await sentAt(dedupKey)).toBeNull();
  });
});
