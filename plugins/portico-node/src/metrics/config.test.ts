import { ConfigReader } from '@backstage/config';
import { readMetricsConfig } from './config';

const read = (metrics: unknown, nodeEnv: string | undefined = 'development') =>
  readMetricsConfig(new ConfigReader({ portico: { metrics } } as any), nodeEnv);

describe('readMetricsConfig', () => {
  it('is on without a token by default, outside production', () => {
    expect(readMetricsConfig(new ConfigReader({}), 'development')).toEqual({
      enabled: true,
      token: undefined,
    });
  });

  it('keeps a configured token', () => {
    expect(read({ token: 's3cret' }, 'production')).toEqual({ enabled: true, token: 's3cret' });
  });

  it.each(['', ' '])('refuses an empty token (%j) instead of serving without auth', token => {
    expect(() => read({ token })).toThrow(
      'portico.metrics.token is empty: set a token (an unset environment variable?) or remove the key',
    );
  });

  it('requires a token with NODE_ENV=production, where an unset ${VAR} drops the key', () => {
    expect(() => read({}, 'production')).toThrow(
      'portico.metrics.token is required when NODE_ENV is production (or set portico.metrics.enabled: false)',
    );
    expect(() => readMetricsConfig(new ConfigReader({}), 'production')).toThrow(
      /portico\.metrics\.token is required/,
    );
  });

  it('needs no token when metrics are off', () => {
    expect(read({ enabled: false }, 'production')).toEqual({ enabled: false, token: undefined });
  });

  it('names the key of a wrong value', () => {
    expect(() => read({ enabled: 'sometimes' })).toThrow(/portico\.metrics\.enabled/);
  });
});
