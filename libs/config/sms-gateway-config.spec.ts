import { ConfigError, loadConfig } from './config';

describe('the SMS gateway settings', () => {
  const base = { DATABASE_URL: 'postgres://localhost/x' };

  it('are absent without SMS_GATEWAY_URL, and complete with it (timeout 10 s by default)', () => {
    expect(loadConfig(base).smsGateway).toBeUndefined();
    expect(loadConfig({ ...base, SMS_GATEWAY_URL: 'https://sms.example.id/v1/send', SMS_GATEWAY_KEY_ID: 'k', SMS_GATEWAY_SECRET: 's' }).smsGateway).toEqual({
      url: 'https://sms.example.id/v1/send',
      keyId: 'k',
      secret: 's',
      timeoutMs: 10_000,
    });
  });

  it('refuse a URL without its key, or a URL that is not http(s), saying what to set', () => {
    expect(() => loadConfig({ ...base, SMS_GATEWAY_URL: 'https://sms.example.id' })).toThrow(/SMS_GATEWAY_KEY_ID and SMS_GATEWAY_SECRET/);
    expect(() => loadConfig({ ...base, SMS_GATEWAY_URL: 'sms.example.id', SMS_GATEWAY_KEY_ID: 'k', SMS_GATEWAY_SECRET: 's' })).toThrow(ConfigError);
  });
});
