import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signInAsCatalogUser, demoAuthenticator } from './service/demoAuthenticator';
import { decideDemoSignIn } from './service/demoSignInPolicy';
import { createDemoUsersRouter } from './router';

export const authModuleDemoProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
        providers: authProvidersExtensionPoint,
      },
      async init({ config, logger, auth, httpRouter, catalog, providers }) {
        const decision = decideDemoSignIn(config);
        if (!decision.enabled) {
          logger.info(`Demo sign-in is off: ${decision.reason}`);
          return;
        }
        logger.warn(`Demo sign-in is ON (no password): ${decision.reason}`);
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            signInResolver: signInAsCatalogUser,
          }),
        });
        httpRouter.use(createDemoUsersRouter({ catalog, auth }));
        httpRouter.addAuthPolicy({ path: '/demo-users', allow: 'unauthenticated' });
      },
    });
  },
});
