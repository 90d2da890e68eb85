import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWK, JWTPayload, KeyLike, SignJWT } from 'jose';
import { createVerifier, KeySetUnavailableError, mintToken, TokenError } from './token';

const SECRET = 'a-test-secret-of-enough-length-for-hs256';
const now = () => Math.floor(Date.now() / 1000);

function hs256(claims: JWTPayload, secret = SECRET): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

describe('createVerifier with the development secret (HS256)', () => {
  const verify = createVerifier({ jwtSecret: SECRET, clockToleranceSec: 30 });

  it('accepts a token minted by the dev command and reads sub, role, agency, office and position', async () => {
    const token = await mintToken(SECRET, { sub: 'officer-1', role: 'approver', agency: 'DCKTRP', office: 'kec-31.71.01', position: 'head' });
    await expect(verify(token)).resolves.toEqual({ sub: 'officer-1', role: 'approver', agency: 'DCKTRP', office: 'kec-31.71.01', position: 'head' });
  });

  it('reads an approver without a position claim as an officer, and refuses a position that is neither', async () => {
    await expect(verify(await mintToken(SECRET, { sub: 'officer-2', role: 'approver', agency: 'DINKES' }))).resolves.toEqual({ sub: 'officer-2', role: 'approver', agency: 'DINKES', position: 'officer' });
    await expect(verify(await hs256({ sub: 'x', role: 'approver', agency: 'DINKES', position: 'lurah', exp: now() + 600 }))).rejects.toThrow(/position claim must be one of officer, head/);
    await expect(verify(await mintToken(SECRET, { sub: 'admin-1', role: 'admin' }))).resolves.toEqual({ sub: 'admin-1', role: 'admin', agency: undefined, office: undefined });
  });

  it('refuses a token signed with another secret', async () => {
    const token = await mintToken('another-secret-another-secret-xx', { sub: 'x', role: 'admin' });
    await expect(verify(token)).rejects.toThrow(new TokenError('the token is not valid: it must be a JWT signed by the configured issuer'));
  });

  it('refuses an unsigned token (alg none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', exp: now() + 600 })).toString('base64url');
    await expect(verify(`${header}.${body}.`)).rejects.toBeInstanceOf(TokenError);
  });

  it('accepts a token expired less than the clock tolerance ago, and refuses one expired longer ago', async () => {
    await expect(verify(await hs256({ sub: 'x', role: 'admin', exp: now() - 10 }))).resolves.toMatchObject({ sub: 'x' });
    await expect(verify(await hs256({ sub: 'x', role: 'admin', exp: now() - 90 }))).rejects.toThrow('the token has expired: mint a new one');
  });

  it('refuses a token whose nbf or iat lies beyond the tolerated clock skew, and accepts small skews', async () => {
    await expect(verify(await hs256({ sub: 'x', role: 'admin', exp: now() + 600, nbf: now() + 10, iat: now() + 10 }))).resolves.toMatchObject({ sub: 'x' });
    await expect(verify(await hs256({ sub: 'x', role: 'admin', exp: now() + 600, nbf: now() + 300 }))).rejects.toThrow(/not valid yet \(nbf\)/);
    await expect(verify(await hs256({ sub: 'x', role: 'admin', exp: now() + 600, iat: now() + 300 }))).rejects.toThrow(/issued in the future \(iat\)/);
  });

  it('refuses tokens without exp or sub, with an unknown role, or an approver without agency', async () => {
    await expect(verify(await hs256({ sub: 'x', role: 'admin' }))).rejects.toBeInstanceOf(TokenError);
    await expect(verify(await hs256({ role: 'admin', exp: now() + 600 }))).rejects.toBeInstanceOf(TokenError);
    await expect(verify(await hs256({ sub: 'x', role: 'root', exp: now() + 600 }))).rejects.toThrow(/role claim must be one of/);
    await expect(verify(await hs256({ sub: 'x', role: 'approver', exp: now() + 600 }))).rejects.toThrow(/must carry an agency claim/);
    await expect(verify(await hs256({ sub: 'a b\n', role: 'admin', exp: now() + 600 }))).rejects.toThrow(/sub claim/);
  });
});

describe('createVerifier with a JWKS URL (the province SSO, RS256)', () => {
  let server: Server;
  let url: string;
  let signing: { privateKey: KeyLike; publicKey: KeyLike };
  let stranger: { privateKey: KeyLike; publicKey: KeyLike };
  let keySet: { keys: JWK[] };
  let served = 0;

  beforeAll(async () => {
    signing = await generateKeyPair('RS256');
    stranger = await generateKeyPair('RS256');
    keySet = { keys: [{ ...(await exportJWK(signing.publicKey)), kid: 'sso-2025', alg: 'RS256', use: 'sig' }] };
    server = createServer((req, res) => {
      served++;
      if (req.url !== '/.well-known/jwks.json') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keySet));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const rs256 = (claims: JWTPayload, key: KeyLike, kid = 'sso-2025') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).setIssuedAt().setExpirationTime('10m').sign(key);

  it('verifies an RS256 token against the key set fetched from the URL, checking issuer and audience', async () => {
    const verify = createVerifier({ jwksUrl: url, issuer: 'https://sso.jakarta.go.id', audience: 'satupintu', clockToleranceSec: 30 });
    const before = served;
    const token = await rs256({ sub: 'kiosk-7', role: 'integrator', iss: 'https://sso.jakarta.go.id', aud: 'satupintu' }, signing.privateKey);
    await expect(verify(token)).resolves.toEqual({ sub: 'kiosk-7', role: 'integrator', agency: undefined, office: undefined });
    expect(served).toBeGreaterThan(before);
    const wrongAudience = await rs256({ sub: 'kiosk-7', role: 'integrator', iss: 'https://sso.jakarta.go.id', aud: 'someone-else' }, signing.privateKey);
    await expect(verify(wrongAudience)).rejects.toThrow("the token's aud claim is not the one this API accepts");
  });

  it('refuses a token signed by a key that is not in the set, even under the same kid', async () => {
    const verify = createVerifier({ jwksUrl: url, clockToleranceSec: 30 });
    await expect(verify(await rs256({ sub: 'x', role: 'admin' }, stranger.privateKey))).rejects.toBeInstanceOf(TokenError);
    await expect(verify(await rs256({ sub: 'x', role: 'admin' }, stranger.privateKey, 'unknown-kid'))).rejects.toBeInstanceOf(TokenError);
  });

  it('refuses an HS256 token in JWKS mode, so a public key can never be used as an HMAC secret', async () => {
    const verify = createVerifier({ jwksUrl: url, clockToleranceSec: 30 });
    await expect(verify(await hs256({ sub: 'x', role: 'admin', exp: now() + 600 }))).rejects.toBeInstanceOf(TokenError);
  });

  it('refuses an expired RS256 token', async () => {
    const verify = createVerifier({ jwksUrl: url, clockToleranceSec: 5 });
    const expired = await new SignJWT({ sub: 'x', role: 'admin' })
      .setProtectedHeader({ alg: 'RS256', kid: 'sso-2025' })
      .setIssuedAt(now() - 3600)
      .setExpirationTime(now() - 60)
      .sign(signing.privateKey);
    await expect(verify(expired)).rejects.toThrow('the token has expired: mint a new one');
  });

  it('says the key set is unavailable (not that the token is bad) when the JWKS URL does not answer', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/jwks.json`;
    await new Promise((resolve) => closed.close(resolve));
    const verify = createVerifier({ jwksUrl: deadUrl, clockToleranceSec: 30 });
    await expect(verify(await rs256({ sub: 'x', role: 'admin' }, signing.privateKey))).rejects.toBeInstanceOf(KeySetUnavailableError);
  });
});
