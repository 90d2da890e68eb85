// Story: the console's development sign-in mints tokens with the development secret. A platform whose
// tokens come from a real secret (or the province's identity provider) has no such door: both of its
// endpoints answer 404, as for any path that does not exist.
import { startPlatform, Platform } from '../support/platform';

describe('development sign-in', () => {
  let production: Platform;
  beforeAll(async () => {
    production = await startPlatform({ worker: false, env: { JWT_SECRET: 'a-real-secret-for-this-test-only-0123456789' } });
  });
  afterAll(async () => {
    await production?.close();
  });

  it('does not exist when the development secret is not the one signing tokens', async () => {
    const options = await production.http('GET', '/v1/dev/sign-in');
    const token = await production.http('POST', '/v1/dev/tokens', { body: { role: 'admin' } });
    expect([options.status, options.body.type, token.status]).toEqual([404, 'https://satupintu.jakarta.go.id/problems/not-found', 404]);
  });
});
