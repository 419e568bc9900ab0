import { ConfigReader } from '@backstage/config';
import type { AuthResolverContext } from '@backstage/plugin-auth-node';
import {
  createAllowedDomainSignInResolver,
  readAllowedEmailDomains,
} from './allowedEmailDomains';

const readDomains = (signIn: unknown) =>
  readAllowedEmailDomains(new ConfigReader({ portico: { signIn } } as any));

describe('readAllowedEmailDomains', () => {
  it('fails closed when the key is unset or empty, naming it', () => {
    expect(() => readDomains(undefined)).toThrow(/portico\.signIn\.allowedEmailDomains must list/);
    expect(() => readDomains({ allowedEmailDomains: [] })).toThrow(
      /portico\.signIn\.allowedEmailDomains/,
    );
    expect(() => readDomains({ allowedEmailDomains: [' '] })).toThrow(
      /portico\.signIn\.allowedEmailDomains/,
    );
  });

  it('refuses what is not a domain name', () => {
    expect(() => readDomains({ allowedEmailDomains: ['*.example.com'] })).toThrow(
      "portico.signIn.allowedEmailDomains: '*.example.com' is not a domain name",
    );
  });

  it('reads the domains, lower-cased', () => {
    expect(readDomains({ allowedEmailDomains: ['Portico.Example', 'corp.example.com'] })).toEqual([
      'portico.example',
      'corp.example.com',
    ]);
  });
});

describe('createAllowedDomainSignInResolver', () => {
  const resolver = createAllowedDomainSignInResolver(['portico.example']);
  const signInWithCatalogUser = jest.fn(async () => ({ token: 'backstage-token' }));
  const ctx = { signInWithCatalogUser } as unknown as AuthResolverContext;
  const signIn = (email?: string) => resolver({ profile: { email }, result: {} }, ctx);

  beforeEach(() => signInWithCatalogUser.mockClear());

  it('signs in the catalog user with that e-mail, for an allowed domain', async () => {
    await expect(signIn('alice@portico.example')).resolves.toEqual({ token: 'backstage-token' });
    await expect(signIn('Alice@PORTICO.example')).resolves.toEqual({ token: 'backstage-token' });
    expect(signInWithCatalogUser).toHaveBeenCalledWith({
      filter: { 'spec.profile.email': 'alice@portico.example' },
    });
  });

  it.each([
    ['alice@elsewhere.example', 'elsewhere.example is not an allowed e-mail domain'],
    ['alice@evil.portico.example', 'evil.portico.example is not an allowed e-mail domain'],
    ['alice@portico.example.evil.com', 'portico.example.evil.com is not an allowed'],
    ['alice@evil.com@portico.example', 'that address is not an allowed'],
    ['alice', 'that address is not an allowed'],
    [undefined, 'gave no e-mail address'],
  ])('refuses %j without looking the user up', async (email, reason) => {
    await expect(signIn(email)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(reason),
    });
    expect(signInWithCatalogUser).not.toHaveBeenCalled();
  });
});
