import { ConfigReader } from '@backstage/config';
import { decideDemoSignIn, isValidDemoUserName } from './demoSignInPolicy';

const decide = (auth: unknown) => decideDemoSignIn(new ConfigReader({ auth } as any));

describe('decideDemoSignIn', () => {
  it('is off unless auth.providers.demo is configured', () => {
    expect(decide({ providers: {} }).enabled).toBe(false);
  });

  it('is on in the development environment (the default)', () => {
    expect(decide({ providers: { demo: {} } }).enabled).toBe(true);
    expect(decide({ environment: 'development', providers: { demo: {} } }).enabled).toBe(true);
  });

  it('stays off in production even when the demo block is merged from app-config.yaml', () => {
    const decision = decide({ environment: 'production', providers: { demo: {} } });
    expect(decision).toEqual({
      enabled: false,
      reason:
        "auth.environment is 'production' and auth.providers.demo.dangerouslyAllowSignInWithoutPassword is not set",
    });
  });

  it('turns on outside development only with the loudly named flag', () => {
    const decision = decide({
      environment: 'production',
      providers: { demo: { dangerouslyAllowSignInWithoutPassword: true } },
    });
    expect(decision.enabled).toBe(true);
    expect(decision.reason).toContain('anyone can sign in as any user');
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
