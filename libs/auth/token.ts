import { POSITIONS, type Position } from '../domain/deciders';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, SignJWT } from 'jose';

export type Role = 'integrator' | 'approver' | 'admin';
export const ROLES: readonly Role[] = ['integrator', 'approver', 'admin'];

export interface Principal {
  sub: string;
  role: Role;
  agency?: string;
  office?: string;
  /** For approvers: officer (the default when the claim is absent) or head of the agency or office. */
  position?: Position;
}

export class TokenError extends Error {}

/** The key set (JWKS) could not be fetched: not the caller's fault, so not a 401. */
export class KeySetUnavailableError extends Error {}

export async function mintToken(secret: string, p: Principal, ttl = '12h'): Promise<string> {
  const claims: JWTPayload = { role: p.role };
  if (p.agency) claims.agency = p.agency;
  if (p.office) claims.office = p.office;
  if (p.position) claims.position = p.position;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(p.sub)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}

export interface VerifierOptions {
  jwtSecret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  clockToleranceSec: number;
}

/** HS256 with a shared secret in development, the province SSO's JWKS in production. */
export function createVerifier(opts: VerifierOptions): (token: string) => Promise<Principal> {
  const key = opts.jwksUrl ? createRemoteJWKSet(new URL(opts.jwksUrl)) : new TextEncoder().encode(opts.jwtSecret ?? '');
  const algorithms = opts.jwksUrl ? ['RS256', 'ES256', 'PS256'] : ['HS256'];
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], {
        algorithms,
        issuer: opts.issuer,
        audience: opts.audience,
        clockTolerance: opts.clockToleranceSec,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new TokenError('the token has expired: mint a new one');
      if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) throw new KeySetUnavailableError('the key set (JWKS) of the token issuer could not be fetched');
      if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'nbf') throw new TokenError('the token is not valid yet (nbf): check the clock of its issuer');
      if (err instanceof errors.JWTClaimValidationFailed && (err.claim === 'iss' || err.claim === 'aud')) throw new TokenError(`the token's ${err.claim} claim is not the one this API accepts`);
      throw new TokenError('the token is not valid: it must be a JWT signed by the configured issuer');
    }
    // jose checks iat only with maxTokenAge; a token issued in the future means a skewed or forged clock.
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + opts.clockToleranceSec) {
      throw new TokenError('the token was issued in the future (iat): check the clock of its issuer');
    }
    // sub scopes idempotency keys, webhooks and ownership: a printable, bounded identifier.
    if (typeof payload.sub !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(payload.sub)) throw new TokenError('the token\'s sub claim must be 1-200 visible ASCII characters');
    const role = payload.role as Role;
    if (!ROLES.includes(role)) throw new TokenError(`the token's role claim must be one of ${ROLES.join(', ')}`);
    if (role === 'approver' && typeof payload.agency !== 'string') throw new TokenError('an approver token must carry an agency claim');
    if (payload.position !== undefined && !POSITIONS.includes(payload.position as Position)) throw new TokenError(`the token's position claim must be one of ${POSITIONS.join(', ')}`);
    return {
      sub: payload.sub!,
      role,
      agency: typeof payload.agency === 'string' ? payload.agency : undefined,
      office: typeof payload.office === 'string' ? payload.office : undefined,
      ...(role === 'approver' ? { position: (payload.position as Position | undefined) ?? 'officer' } : {}),
    };
  };
}
