import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signatureHeader, signatureOf, verifySignature } from './signature';
import { isPrivateAddress, webhookUrlProblem } from './targets';

describe('webhook signatures', () => {
  const secret = 'whsec_test_0123456789abcdef0123456789';
  const body = '{"id":"01J9Z8Q4M3KX7T2W5R6Y8B0C1D:3","type":"application.status_changed"}';

  it('signs "<t>.<raw body>" with HMAC-SHA256 and verifies within the tolerance', () => {
    const header = signatureHeader(secret, body, 1_700_000_000);
    expect(header).toBe(`t=1700000000,v1=${signatureOf(secret, 1_700_000_000, body)}`);
    expect(verifySignature(header, body, secret, { nowSec: 1_700_000_299 })).toEqual({ valid: true, timestamp: 1_700_000_000 });
  });

  it('refuses a changed body, another secret, an old or future timestamp, and a malformed header', () => {
    const header = signatureHeader(secret, body, 1_700_000_000);
    expect(verifySignature(header, body.replace('3', '4'), secret, { nowSec: 1_700_000_000 })).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifySignature(header, body, 'another-secret', { nowSec: 1_700_000_000 })).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifySignature(header, body, secret, { nowSec: 1_700_000_301 })).toEqual({ valid: false, reason: 'too-old' });
    expect(verifySignature(header, body, secret, { nowSec: 1_699_999_699 })).toEqual({ valid: false, reason: 'too-new' });
    expect(verifySignature('v1=abc', body, secret)).toEqual({ valid: false, reason: 'malformed' });
    expect(verifySignature(undefined, body, secret)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('verifies the signed example of docs/webhooks.md with the secret it names', () => {
    const md = readFileSync(join(__dirname, '../../docs/webhooks.md'), 'utf8');
    const header = /^Satupintu-Signature: (.+)$/m.exec(md)![1];
    const raw = /^(\{"id":.+\})$/m.exec(md)![1];
    const secret = /`(whsec_example[\w]+)`/.exec(md)![1];
    const t = Number(/t=(\d+)/.exec(header)![1]);
    expect(verifySignature(header, raw, secret, { nowSec: t + 10 })).toEqual({ valid: true, timestamp: t });
  });

  it('accepts any one of several v1 values (secret rotation)', () => {
    const t = 1_700_000_000;
    const header = `t=${t},v1=${signatureOf('old-secret', t, body)},v1=${signatureOf(secret, t, body)}`;
    expect(verifySignature(header, body, secret, { nowSec: t }).valid).toBe(true);
  });
});

describe('webhook targets', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '[::1]'])(
    '%s is private',
    (ip) => expect(isPrivateAddress(ip)).toBe(true),
  );

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', 'hooks.example.id'])('%s is not private', (ip) => expect(isPrivateAddress(ip)).toBe(false));

  it('requires https and a public host in production, and allows local http receivers in development', () => {
    expect(webhookUrlProblem('https://hooks.example.id/satupintu', false)).toBeUndefined();
    expect(webhookUrlProblem('http://hooks.example.id/satupintu', false)).toBe('url must use https');
    expect(webhookUrlProblem('https://127.0.0.1/x', false)).toMatch(/private/);
    expect(webhookUrlProblem('https://169.254.169.254/latest/meta-data', false)).toMatch(/private/);
    expect(webhookUrlProblem('https://localhost/x', false)).toMatch(/public host/);
    expect(webhookUrlProblem('https://user:pw@hooks.example.id/x', false)).toMatch(/credentials/);
    expect(webhookUrlProblem('ftp://hooks.example.id/x', true)).toBe('url must use https');
    expect(webhookUrlProblem('not a url', true)).toMatch(/absolute URL/);
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', true)).toBeUndefined();
  });
});
