import { ConfigReader } from '@backstage/config';
import { readMetricsConfig } from './config';

describe('readMetricsConfig', () => {
  it('is on without a token by default', () => {
    expect(readMetricsConfig(new ConfigReader({}))).toEqual({ enabled: true, token: undefined });
  });

  it('treats an empty token as no token', () => {
    expect(
      readMetricsConfig(new ConfigReader({ portico: { metrics: { token: ' ' } } })).token,
    ).toBeUndefined();
  });

  it('names the key of a wrong value', () => {
    expect(() =>
      readMetricsConfig(new ConfigReader({ portico: { metrics: { enabled: 'sometimes' } } })),
    ).toThrow(/portico\.metrics\.enabled/);
  });
});
