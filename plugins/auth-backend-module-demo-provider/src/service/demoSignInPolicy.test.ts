import { ConfigReader } from '@backstage/config';
import { decideDemoSignIn, isValidDemoUserName } from './demoSignInPolicy';

const decide = (auth: unknown, nodeEnv: string | undefined = 'development') =>
  decideDemoSignIn(new ConfigReader({ auth } as any), nodeEnv);

describe('decideDemoSignIn', () => {
  it('is off unless auth.providers.demo is configured', () => {
    expect(decide({ providers: {} }).enabled).toBe(false);
  });

  it('is off unless explicitly enabled, even in the development environment', () => {
    expect(decide({ providers: { demo: {} } })).toEqual({
      enabled: false,
      reason: 'auth.providers.demo.enabled is not true',
    });
    expect(decide({ providers: { demo: { enabled: false } } }).enabled).toBe(false);
  });

  it('is on when enabled in the development environment (the default)', () => {
    expect(decide({ providers: { demo: { enabled: true } } }).enabled).toBe(true);
    expect(
      decide({ environment: 'development', providers: { demo: { enabled: true } } }).enabled,
    ).toBe(true);
  });

  it('stays off in the production auth environment even when enabled in app-config.yaml', () => {
    const decision = decide({ environment: 'production', providers: { demo: { enabled: true } } });
    expect(decision).toEqual({
      enabled: false,
      reason:
        "auth.environment is 'production' and auth.providers.demo.dangerouslyAllowSignInWithoutPassword is not set",
    });
  });

  it('turns on outside development only with the loudly named flag', () => {
    const decision = decide({
      environment: 'staging',
      providers: { demo: { enabled: true, dangerouslyAllowSignInWithoutPassword: true } },
    });
    expect(decision.enabled).toBe(true);
    expect(decision.reason).toContain('anyone can sign in as any user');
  });

  it('refuses to start when enabled with NODE_ENV=production, whatever else is set', () => {
    const enabled = {
      environment: 'development',
      providers: { demo: { enabled: true, dangerouslyAllowSignInWithoutPassword: true } },
    };
    expect(() => decide(enabled, 'production')).toThrow(
      'auth.providers.demo.enabled is true but NODE_ENV is production: demo sign-in (no password) never runs in production; set auth.providers.demo.enabled: false',
    );
  });

  it('is simply off with NODE_ENV=production when not enabled', () => {
    expect(decide({ providers: { demo: { enabled: false } } }, 'production').enabled).toBe(false);
  });
});

describe('isValidDemoUserName', () => {
  it.each(['alice', 'bob.smith', 'x_1-2'])('accepts %s', name => {
    expect(isValidDemoUserName(name)).toBe(true);
  });
  it.each(['', 'user:default/alice', '../etc', 'a b', 'x'.repeat(64)])('refuses %j', name => {
    expect(isValidDemoUserName(name)).toBe(false);
  });
});
