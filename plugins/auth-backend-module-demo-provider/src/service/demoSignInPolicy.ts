import type { Config } from '@backstage/config';

/** The header that names the demo user to sign in as. */
export const DEMO_USER_HEADER = 'x-portico-demo-user';

export const DANGEROUS_FLAG = 'auth.providers.demo.dangerouslyAllowSignInWithoutPassword';
export const ENABLED_FLAG = 'auth.providers.demo.enabled';

export type DemoSignInDecision =
  | { enabled: true; reason: string }
  | { enabled: false; reason: string };

/**
 * Demo sign-in lets anybody become anybody. Fail closed: it needs an explicit switch
 * (`auth.providers.demo.enabled: true`, set by the embedded app-config.yaml for local use), the
 * `development` auth environment (or, elsewhere, a flag whose name says what it does), and it
 * never runs in a production build: there, being switched on is a start-up error.
 */
export function decideDemoSignIn(
  config: Config,
  nodeEnv: string | undefined = process.env.NODE_ENV,
): DemoSignInDecision {
  if (!config.has('auth.providers.demo')) {
    return { enabled: false, reason: 'auth.providers.demo is not configured' };
  }
  const switchedOn = config.getOptionalBoolean(ENABLED_FLAG) ?? false;
  if (switchedOn && nodeEnv === 'production') {
    throw new Error(
      `${ENABLED_FLAG} is true but NODE_ENV is production: demo sign-in (no password) never runs in production; set ${ENABLED_FLAG}: false`,
    );
  }
  if (!switchedOn) {
    return { enabled: false, reason: `${ENABLED_FLAG} is not true` };
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
