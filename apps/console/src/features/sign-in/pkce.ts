// OpenID Connect sign-in for a public client: the authorization code flow with PKCE (RFC 7636). The
// verifier and state live in this tab's sessionStorage between leaving for the identity provider and
// coming back; nothing secret ever goes into a URL but the one-time code the provider sends back.
import type { Session } from '../../app/session';

export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

/** What the tab keeps while the browser is at the identity provider. */
export interface PendingSignIn {
  state: string;
  verifier: string;
  tokenEndpoint: string;
  clientId: string;
  redirectUri: string;
}

export const PENDING_KEY = 'satupintu.sso';

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A high-entropy random string: 32 random bytes, 43 characters of base64url (RFC 7636 asks 43 to 128). */
export function randomToken(random: (a: Uint8Array) => Uint8Array = (a) => crypto.getRandomValues(a)): string {
  return base64Url(random(new Uint8Array(32)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string, subtle: SubtleCrypto = crypto.subtle): Promise<string> {
  return base64Url(new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export function authorizeUrl(endpoint: string, p: { clientId: string; redirectUri: string; scope: string; state: string; challenge: string }): string {
  const url = new URL(endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    scope: p.scope,
    state: p.state,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

export function tokenRequest(pending: PendingSignIn, code: string): URLSearchParams {
  return new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, client_id: pending.clientId, code_verifier: pending.verifier });
}

/** The issuer's discovery document; its issuer must be the one configured (OpenID Connect Discovery 1.0, 4.3). */
export async function discover(issuer: string, fetcher: typeof fetch = fetch): Promise<Discovery> {
  const res = await fetcher(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`the identity provider's discovery document answered ${res.status}`);
  const doc = (await res.json()) as Discovery;
  if (doc.issuer !== issuer) throw new Error(`the discovery document names issuer ${doc.issuer}, not ${issuer}`);
  return doc;
}

/**
 * The session the console keeps from an access token: its claims read (not verified: the API verifies
 * every request). A token without the claims the API needs is refused here already.
 */
export function sessionFromToken(token: string): Session {
  const part = token.split('.')[1];
  if (!part) throw new Error('the access token is not a JWT');
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(decodeURIComponent(Array.from(json, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''))) as Record<string, unknown>;
  const role = claims.role;
  if (role !== 'approver' && role !== 'admin' && role !== 'integrator') throw new Error('the access token carries no role this console knows');
  if (typeof claims.sub !== 'string') throw new Error('the access token carries no sub');
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const position = claims.position === 'head' ? 'head' : role === 'approver' ? 'officer' : undefined;
  return {
    token,
    sub: claims.sub,
    role,
    ...(str(claims.agency) ? { agency: str(claims.agency) } : {}),
    ...(str(claims.office) ? { office: str(claims.office) } : {}),
    ...(position ? { position } : {}),
    ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp * 1000 } : {}),
    via: 'sso',
  };
}
