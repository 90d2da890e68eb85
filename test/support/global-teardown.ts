import * as fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const services = globalThis.__SATUPINTU_SERVICES__;
  if (!services) return;
  await Promise.all([services.temporal.stop(), services.postgres.stop()]);
  fs.rmSync(services.dir, { recursive: true, force: true });
}
