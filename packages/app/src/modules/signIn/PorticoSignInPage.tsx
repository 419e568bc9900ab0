import { SignInPage } from '@backstage/core-components';
import { configApiRef, SignInPageProps, useApi } from '@backstage/core-plugin-api';
import { DemoSignInPage } from './DemoSignInPage';
import { oidcAuthApiRef } from './oidcAuthApi';

/** Demo users locally, the organisation's OIDC provider in production (portico.signIn.provider). */
export function PorticoSignInPage(props: SignInPageProps) {
  const configApi = useApi(configApiRef);
  const provider = configApi.getOptionalString('portico.signIn.provider') ?? 'demo';
  if (provider === 'oidc') {
    return (
      <SignInPage
        {...props}
        title="Sign in to Portico"
        align="center"
        provider={{
          id: 'oidc',
          title: 'Single sign-on',
          message: 'Sign in with your organisation account',
          apiRef: oidcAuthApiRef,
        }}
      />
    );
  }
  return <DemoSignInPage {...props} />;
}
