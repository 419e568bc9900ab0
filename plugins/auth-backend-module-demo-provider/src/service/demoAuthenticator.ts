import { InputError } from '@backstage/errors';
import type { UserEntity } from '@backstage/catalog-model';
import { createProxyAuthenticator, SignInResolver } from '@backstage/plugin-auth-node';
import { DEMO_USER_HEADER, isValidDemoUserName } from './demoSignInPolicy';

export interface DemoAuthResult {
  userName: string;
}

/** Reads the demo user's name from a header; the catalog decides whether it exists. */
export const demoAuthenticator = createProxyAuthenticator<unknown, DemoAuthResult, unknown>({
  // The profile shown in the app (name, e-mail, avatar) is the catalog user's own.
  defaultProfileTransform: async (result, ctx) => {
    const found = await ctx
      .findCatalogUser({ entityRef: { name: result.userName } })
      .catch(() => undefined);
    const profile = (found?.entity as UserEntity | undefined)?.spec?.profile;
    return {
      profile: {
        displayName: profile?.displayName ?? result.userName,
        email: profile?.email,
        picture: profile?.picture,
      },
    };
  },
  initialize() {
    return undefined;
  },
  async authenticate({ req }) {
    const userName = req.header(DEMO_USER_HEADER)?.trim();
    if (!userName) {
      throw new InputError(`The ${DEMO_USER_HEADER} header must name a demo user`);
    }
    if (!isValidDemoUserName(userName)) {
      throw new InputError(
        `The ${DEMO_USER_HEADER} header must be a user entity name (letters, digits, '.', '_', '-')`,
      );
    }
    return { result: { userName } };
  },
});

/**
 * Signs in as the catalog User of that name, so that group membership (the roles) comes
 * from the catalog exactly as it does with OIDC. An unknown name is refused.
 */
export const signInAsCatalogUser: SignInResolver<DemoAuthResult> = async (info, ctx) =>
  ctx.signInWithCatalogUser({ entityRef: { name: info.result.userName } });
