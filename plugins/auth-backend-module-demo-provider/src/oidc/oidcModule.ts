import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { oidcAuthenticator } from '@backstage/plugin-auth-backend-module-oidc-provider';
import {
  createAllowedDomainSignInResolver,
  readAllowedEmailDomains,
} from './allowedEmailDomains';

/**
 * OIDC sign-in with Portico's resolver: the e-mail must be of an allowed domain and match a
 * catalog user. Replaces `@backstage/plugin-auth-backend-module-oidc-provider`'s module, whose
 * configurable resolvers do not all check the domain.
 */
export const authModulePorticoOidcProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'portico-oidc-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        providers: authProvidersExtensionPoint,
      },
      async init({ config, providers }) {
        if (!config.has('auth.providers.oidc')) {
          return;
        }
        const signInResolver = createAllowedDomainSignInResolver(readAllowedEmailDomains(config));
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({ authenticator: oidcAuthenticator, signInResolver }),
        });
      },
    });
  },
});
