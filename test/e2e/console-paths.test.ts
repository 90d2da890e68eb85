// Regression: a task page of the console (/kotak-masuk/<applicationId>.<stepId>.<attempt>) holds dots,
// and was taken for a missing file: reloading it, or opening a shared link to it, answered 404 instead
// of the console. Page paths get the console whatever their dots; only asset names are files.
import { Platform, platformSuite } from '../support/platform';

describe('console page paths', () => {
  let p: Platform;
  platformSuite((platform) => (p = platform), { worker: false });

  it('serves the console for a task page whose path holds dots, and 404 for a missing asset', async () => {
    const page = await p.http('GET', '/kotak-masuk/0123456789ABCDEFGHJKMNPQ.kelurahan_verification.1?queue=open');
    expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/html/)]);
    expect(page.text).toContain('<div id="root">');
    expect((await p.http('GET', '/assets/missing-0123.js')).status).toBe(404);
  });
});
