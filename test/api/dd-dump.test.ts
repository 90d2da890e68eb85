import { writeFileSync } from 'node:fs';
import { startPlatform } from '../support/platform';

it('dumps the OpenAPI document', async () => {
  const p = await startPlatform({ worker: false });
  const r = await p.http('GET', '/docs-json');
  writeFileSync(process.env.DD_OUT ?? '/tmp/dd-openapi.json', JSON.stringify(r.body, null, 1));
  await p.close();
});
