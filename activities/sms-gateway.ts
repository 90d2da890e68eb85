import { log } from '@temporalio/activity';
import { internationalMsisdn, signSmsRequest, SMS_HEADERS, type SmsRequest } from '../libs/notices/sms-protocol';

/** Why a message did not go out: `refused` will not change by retrying (a 4xx); `unconfirmed` may (5xx, no answer). */
export class SmsNotSent extends Error {
  constructor(
    message: string,
    readonly reason: 'refused' | 'unconfirmed',
  ) {
    super(message);
    this.name = 'SmsNotSent';
  }
}

/** Sends one SMS; the idempotency key makes a repeated send of the same message a no-op at the gateway. */
export interface SignedSmsGateway {
  send(msg: { to: string; text: string; idempotencyKey: string }): Promise<{ messageId: string }>;
}

export interface HttpSmsGatewayOptions {
  url: string;
  keyId: string;
  secret: string;
  /** Per request; past it the message counts as unconfirmed. */
  timeoutMs: number;
}

/** The HTTP JSON protocol of libs/notices/sms-protocol.ts. */
export class HttpSmsGateway implements SignedSmsGateway {
  constructor(private readonly opts: HttpSmsGatewayOptions) {}

  async send(msg: { to: string; text: string; idempotencyKey: string }): Promise<{ messageId: string }> {
    const request: SmsRequest = { to: internationalMsisdn(msg.to), text: msg.text, reference: msg.idempotencyKey };
    const body = JSON.stringify(request);
    const timestamp = Math.floor(Date.now() / 1000);
    let res: Response;
    try {
      res = await fetch(this.opts.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SMS_HEADERS.keyId]: this.opts.keyId,
          [SMS_HEADERS.timestamp]: String(timestamp),
          [SMS_HEADERS.signature]: signSmsRequest(this.opts.secret, timestamp, body),
          [SMS_HEADERS.idempotencyKey]: msg.idempotencyKey,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      throw new SmsNotSent(`the SMS gateway did not answer: ${err instanceof Error ? err.message : String(err)}`, 'unconfirmed');
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 500 || res.status === 429) throw new SmsNotSent(`the SMS gateway answered ${res.status}; retry later`, 'unconfirmed');
    if (res.status < 200 || res.status > 299) throw new SmsNotSent(`the SMS gateway refused the message (${res.status}): ${text.slice(0, 200)}`, 'refused');
    let messageId: unknown;
    try {
      messageId = (JSON.parse(text) as { messageId?: unknown }).messageId;
    } catch {
      messageId = undefined;
    }
    if (typeof messageId !== 'string' || messageId === '') throw new SmsNotSent('the SMS gateway answered without a messageId: not confirmed', 'unconfirmed');
    return { messageId };
  }
}

/**
 * Development without a gateway (SMS_GATEWAY_URL unset, not production): accepts every message and
 * logs that it did, with the number masked; the text stays in the outbox (applicant_notice.body).
 */
export class DevSmsSink implements SignedSmsGateway {
  async send(msg: { to: string; text: string; idempotencyKey: string }): Promise<{ messageId: string }> {
    log.info('SMS accepted by the development sink (no SMS_GATEWAY_URL)', { to: `${msg.to.slice(0, 4)}****${msg.to.slice(-3)}`, notice: msg.idempotencyKey });
    return { messageId: `dev-${msg.idempotencyKey}` };
  }
}
