import type { Config } from '@backstage/config';

/** The header that names the demo user to sign in as. */
export const DEMO_USER_HEADER = 'x-portico-demo-user';

export const DANGEROUS_FLAG = 'auth.providers.demo.dangerouslyAllowSignInWithoutPassword';

export type DemoSignInDecision =
  | { enabled: true; reason: string }
  | { enabled: false; reason: string };

/**
 * Demo sign-in lets anybody become anybody: it is on only where the auth environment is
 * `development` (Backstage's default), and anywhere else only with a flag whose name says
 * what it does.
 */
export function decideDemoSignIn(config: Config): DemoSignInDecision {
  if (!config.has('auth.providers.demo')) {
    return { enabled: false, reason: 'auth.providers.demo is not configured' };
  }
  const environment = config.getOptionalString('auth.environment') ?? 'development';
  const dangerous = config.getOptionalBoolean(DANGEROUS_FLAG) ?? false;
  if (environment === 'development') {
    return { enabled: true, reason: 'auth.environment is development' };
  }
  if (dangerous) {
    return {
      enabled: true,
      reason: `${DANGEROUS_FLAG} is true in auth environment '${environment}': anyone can sign in as any user`,
    };
  }
  return {
    enabled: false,
    reason: `auth.environment is '${environment}' and ${DANGEROUS_FLAG} is not set`,
  };
}

const USER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/;

export function isValidDemoUserName(name: string): boolean {
  return USER_NAME.test(name);
}
