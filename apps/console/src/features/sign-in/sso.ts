import type { ConsoleConfig } from '../../app/console-config';
import type { Session } from '../../app/session';
import { authorizeUrl, codeChallenge, discover, PENDING_KEY, PendingSignIn, randomToken, sessionFromToken, tokenRequest } from './pkce';

export const CALLBACK_PATH = '/masuk/sso';

/** Leaves for the identity provider's sign-in page, keeping the verifier and state in this tab. */
export async function startSignIn(oidc: NonNullable<ConsoleConfig['oidc']>): Promise<void> {
  const doc = await discover(oidc.issuer);
  const pending: PendingSignIn = {
    state: randomToken(),
    verifier: randomToken(),
    tokenEndpoint: doc.token_endpoint,
    clientId: oidc.clientId,
    redirectUri: `${window.location.origin}${CALLBACK_PATH}`,
  };
  window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  window.location.assign(
    authorizeUrl(doc.authorization_endpoint, { clientId: oidc.clientId, redirectUri: pending.redirectUri, scope: oidc.scope, state: pending.state, challenge: await codeChallenge(pending.verifier) }),
  );
}

export class SignInRefused extends Error {}

/** Back from the identity provider: checks the state, exchanges the code with the verifier, and returns the session. */
export async function finishSignIn(params: URLSearchParams, stateMismatch: string): Promise<Session> {
  const raw = window.sessionStorage.getItem(PENDING_KEY);
  window.sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as PendingSignIn) : undefined;
  const error = params.get('error');
  if (error) throw new SignInRefused(params.get('error_description') ?? error);
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state) throw new SignInRefused(stateMismatch);
  const res = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: tokenRequest(pending, code),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; error?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new SignInRefused(body.error_description ?? body.error ?? `HTTP ${res.status}`);
  return sessionFromToken(body.access_token);
}
