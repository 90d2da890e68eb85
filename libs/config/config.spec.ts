import { ConfigError, DEV_JWT_SECRET, devSignInEnabled, loadConfig } from './config';

const base = { DATABASE_URL: 'postgres://localhost/x' };

describe('loadConfig: the console sign-in settings', () => {
  it('offers the development sign-in only while the development secret signs the tokens the API accepts', () => {
    expect(devSignInEnabled(loadConfig(base))).toBe(true);
    expect(devSignInEnabled(loadConfig({ ...base, JWT_SECRET: 'a-real-secret' }))).toBe(false);
    expect(devSignInEnabled(loadConfig({ ...base, JWKS_URL: 'https://sso.example.id/jwks' }))).toBe(false);
    expect(devSignInEnabled({ env: 'production', auth: { jwtSecret: DEV_JWT_SECRET, clockToleranceSec: 30 } })).toBe(false);
  });

  it('turns on the OpenID Connect sign-in with a public client id at the issuer whose keys the API trusts', () => {
    const config = loadConfig({ ...base, JWKS_URL: 'https://sso.example.id/jwks', JWT_ISSUER: 'https://sso.example.id', OIDC_CLIENT_ID: 'satupintu-console' });
    expect(config.auth.oidc).toEqual({ issuer: 'https://sso.example.id', clientId: 'satupintu-console', scope: 'openid profile' });
    expect(loadConfig({ ...base, JWKS_URL: 'https://sso.example.id/jwks', JWT_ISSUER: 'https://sso.example.id' }).auth.oidc).toBeUndefined();
    expect(() => loadConfig({ ...base, OIDC_CLIENT_ID: 'satupintu-console' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, JWT_ISSUER: 'https://sso.example.id', OIDC_CLIENT_ID: 'satupintu-console' })).toThrow(/needs JWT_ISSUER and JWKS_URL/);
  });
});

describe('loadConfig: the worker\'s workflow cache and stacks', () => {
  it('keeps workflow stacks off unless WORKER_WORKFLOW_STACKS is "full", and refuses anything else', () => {
    expect(loadConfig(base).temporal.workflowStacks).toBe(false);
    expect(loadConfig({ ...base, WORKER_WORKFLOW_STACKS: 'off' }).temporal.workflowStacks).toBe(false);
    expect(loadConfig({ ...base, WORKER_WORKFLOW_STACKS: 'full' }).temporal.workflowStacks).toBe(true);
    expect(() => loadConfig({ ...base, WORKER_WORKFLOW_STACKS: 'yes' })).toThrow(/WORKER_WORKFLOW_STACKS must be "off" \(the default\) or "full", not "yes"/);
  });

  it('leaves the workflow cache to the worker default unless WORKER_MAX_CACHED_WORKFLOWS is a whole number', () => {
    expect(loadConfig(base).temporal.maxCachedWorkflows).toBeUndefined();
    expect(loadConfig({ ...base, WORKER_MAX_CACHED_WORKFLOWS: '2500' }).temporal.maxCachedWorkflows).toBe(2500);
    expect(() => loadConfig({ ...base, WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS must be a non-negative integer/);
  });
});
