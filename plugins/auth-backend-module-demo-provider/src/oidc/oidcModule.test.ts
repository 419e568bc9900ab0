import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { authModulePorticoOidcProvider } from './oidcModule';

const oidc = {
  production: {
    metadataUrl: 'https://sso.portico.example/.well-known/openid-configuration',
    clientId: 'portico',
    clientSecret: 'secret',
  },
};

const start = (portico: unknown) =>
  startTestBackend({
    features: [
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { environment: 'production', providers: { oidc } },
          portico,
        } as any,
      }),
      catalogServiceMock.factory(),
      authPlugin,
      authModulePorticoOidcProvider,
    ],
  });

describe('authModulePorticoOidcProvider', () => {
  it('refuses to start OIDC sign-in without allowed e-mail domains, naming the key', async () => {
    await expect(start({ signIn: { provider: 'oidc' } })).rejects.toThrow(
      /portico\.signIn\.allowedEmailDomains must list/,
    );
  });

  it('starts with allowed domains', async () => {
    const backend = start({ signIn: { allowedEmailDomains: ['portico.example'] } });
    await expect(backend).resolves.toHaveProperty('server');
    await (await backend).stop();
  });
});
