import { authorizeUrl, codeChallenge, discover, randomToken, sessionFromToken, tokenRequest } from './pkce';

const jwt = (claims: Record<string, unknown>) => `e30.${btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.sig`;

describe('PKCE and the OpenID Connect helpers', () => {
  it('derives the S256 challenge: base64url of the SHA-256 of the verifier, unpadded (figures from Python hashlib)', async () => {
    expect(await codeChallenge('satupintu-verifier-0123456789-abcdefghijklmnop')).toBe('m4Bz9TezlJlIrKEzduzTsLIHmH4lOb_Vf0U0iE_f5Wg');
    expect(await codeChallenge('a'.repeat(128))).toBe('aDbPE7rEAOkQUHHNavRwhN-srU5eMCyUv-0k4BOvtz4');
  });

  it('makes verifiers and states of 43 base64url characters from 32 random bytes, never twice the same', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
    expect(randomToken((bytes) => bytes.fill(255))).toBe('_'.repeat(42) + '8');
  });

  it('asks for a code with the challenge, and exchanges it with the verifier', () => {
    const url = new URL(authorizeUrl('https://sso.example.id/auth?realm=x', { clientId: 'console', redirectUri: 'https://satupintu.example.id/masuk/sso', scope: 'openid profile', state: 's1', challenge: 'c1' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'console',
      redirect_uri: 'https://satupintu.example.id/masuk/sso',
      scope: 'openid profile',
      state: 's1',
      code_challenge: 'c1',
      code_challenge_method: 'S256',
    });
    const body = tokenRequest({ state: 's1', verifier: 'v1', tokenEndpoint: 'https://sso.example.id/token', clientId: 'console', redirectUri: 'https://satupintu.example.id/masuk/sso' }, 'code1');
    expect(body.toString()).toBe('grant_type=authorization_code&code=code1&redirect_uri=https%3A%2F%2Fsatupintu.example.id%2Fmasuk%2Fsso&client_id=console&code_verifier=v1');
  });

  it('refuses a discovery document that names another issuer', async () => {
    const answer = (issuer: string) => (async () => new Response(JSON.stringify({ issuer, authorization_endpoint: 'a', token_endpoint: 't' }))) as unknown as typeof fetch;
    await expect(discover('https://sso.example.id', answer('https://sso.example.id'))).resolves.toMatchObject({ token_endpoint: 't' });
    await expect(discover('https://sso.example.id', answer('https://evil.example'))).rejects.toThrow(/names issuer https:\/\/evil.example/);
  });

  it('keeps the claims the console needs from the access token, and refuses one without a known role', () => {
    expect(sessionFromToken(jwt({ sub: 'lurah-gambir', role: 'approver', agency: 'KELURAHAN', office: 'kel-31.71.01.1001', position: 'head', exp: 2_000_000_000, name: 'Ibu Lurah' }))).toEqual({
      token: expect.any(String),
      sub: 'lurah-gambir',
      role: 'approver',
      agency: 'KELURAHAN',
      office: 'kel-31.71.01.1001',
      position: 'head',
      expiresAt: 2_000_000_000_000,
      via: 'sso',
    });
    expect(sessionFromToken(jwt({ sub: 'staff', role: 'approver', agency: 'DINKES' })).position).toBe('officer');
    expect(sessionFromToken(jwt({ sub: 'gov', role: 'admin' })).position).toBeUndefined();
    expect(() => sessionFromToken(jwt({ sub: 'x', role: 'citizen' }))).toThrow(/no role/);
    expect(() => sessionFromToken('not-a-jwt')).toThrow(/not a JWT/);
  });
});
