import { useEffect, useState } from 'react';
import { getJson } from './api';

export interface ConsoleConfig {
  devSignIn: boolean;
  oidc: { issuer: string; clientId: string; scope: string } | null;
}

let cached: Promise<ConsoleConfig> | undefined;

/** The deployment's sign-in settings (GET /v1/console/config), read once per page load. */
export function loadConsoleConfig(): Promise<ConsoleConfig> {
  cached ??= getJson<ConsoleConfig>('/v1/console/config').catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

export function useConsoleConfig(): { config?: ConsoleConfig; failed: boolean } {
  const [config, setConfig] = useState<ConsoleConfig>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    loadConsoleConfig().then(setConfig, () => setFailed(true));
  }, []);
  return { config, failed };
}
