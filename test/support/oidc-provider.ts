// A small OpenID Connect provider for the console's sign-in tests, standing in for the province's
// identity provider at the outer edge: a discovery document, a key set (JWKS), an authorization
// endpoint that signs in the user the test chose and sends the browser back with a one-time code, and
// a token endpoint that checks the PKCE verifier (S256) before it answers an RS256 access token with
// the claims the API expects (role, agency, office, position).
import { createHash, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Principal } from '../../libs/auth/token';

export interface OidcProvider {
  issuer: string;
  jwksUrl: string;
  clientId: string;
  audience: string;
  /** The API's settings that trust this provider (JWKS_URL, JWT_ISSUER, JWT_AUDIENCE) for the console's client id. */
  apiEnv: Record<string, string>;
  /** Who signs in at the next authorization request. */
  user: Principal | undefined;
  /** Every token request: whether its code and PKCE verifier were accepted. */
  tokenRequests: Array<{ accepted: boolean; reason?: string }>;
  close(): Promise<void>;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  user: Principal;
}

const base64Url = (b: Buffer) => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export async function startOidcProvider(opts: { clientId?: string; audience?: string } = {}): Promise<OidcProvider> {
  const clientId = opts.clientId ?? 'satupintu-console';
  const audience = opts.audience ?? 'satupintu-api';
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = base64Url(randomBytes(8));
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider: OidcProvider = {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId,
    audience,
    apiEnv: { JWKS_URL: `${issuer}/jwks`, JWT_ISSUER: issuer, JWT_AUDIENCE: audience, OIDC_CLIENT_ID: clientId },
    user: undefined,
    tokenRequests: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    // A browser application calls discovery and the token endpoint from its own origin.
    res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const authorize = (url: URL, res: http.ServerResponse) => {
    const q = url.searchParams;
    const refuse = (error: string) => json(res, 400, { error });
    if (q.get('response_type') !== 'code') return refuse('unsupported_response_type');
    if (q.get('client_id') !== clientId) return refuse('unauthorized_client');
    if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return refuse('invalid_request: PKCE with S256 is required');
    const redirectUri = q.get('redirect_uri');
    if (!redirectUri) return refuse('invalid_request: redirect_uri');
    const back = new URL(redirectUri);
    if (!provider.user) {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'nobody signed in at the identity provider');
    } else {
      const code = base64Url(randomBytes(24));
      grants.set(code, { clientId, redirectUri, challenge: q.get('code_challenge')!, user: provider.user });
      back.searchParams.set('code', code);
    }
    if (q.get('state')) back.searchParams.set('state', q.get('state')!);
    res.writeHead(302, { location: back.toString() });
    res.end();
  };

  const token = async (body: URLSearchParams, res: http.ServerResponse) => {
    const refuse = (reason: string) => {
      provider.tokenRequests.push({ accepted: false, reason });
      json(res, 400, { error: 'invalid_grant', error_description: reason });
    };
    const code = body.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code); // single use, whatever happens next
    if (body.get('grant_type') !== 'authorization_code') return refuse('grant_type must be authorization_code');
    if (!grant) return refuse('unknown or used code');
    if (body.get('client_id') !== grant.clientId) return refuse('client_id does not match the code');
    if (body.get('redirect_uri') !== grant.redirectUri) return refuse('redirect_uri does not match the code');
    const verifier = body.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return refuse('code_verifier must be 43-128 unreserved characters');
    if (base64Url(createHash('sha256').update(verifier).digest()) !== grant.challenge) return refuse('code_verifier does not match the code_challenge');
    const u = grant.user;
    const claims: Record<string, string> = { role: u.role };
    if (u.agency) claims.agency = u.agency;
    if (u.office) claims.office = u.office;
    if (u.position) claims.position = u.position;
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(u.sub)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    provider.tokenRequests.push({ accepted: true });
    json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 3600, scope: 'openid profile' });
  };

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'content-type, accept' });
      return res.end();
    }
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: provider.jwksUrl,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['none'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void token(new URLSearchParams(Buffer.concat(chunks).toString('utf8')), res));
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  return provider;
}
