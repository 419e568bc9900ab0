import { formatSelector, matchesLabels, parseSelector, parseSlo } from './annotations';
import { alertmanagerWebhookSchema } from './schemas';

describe('selectors', () => {
  it('parses quoted, bare and regex matchers, and refuses anything else', () => {
    const m = parseSelector('{service="checkout", env=~"prod|staging", team!=web}')!;
    expect(formatSelector(m)).toBe('{service="checkout",env=~"prod|staging",team!="web"}');
    expect(matchesLabels(m, { service: 'checkout', env: 'prod' })).toBe(true);
    expect(matchesLabels(m, { service: 'checkout', env: 'production' })).toBe(false);
    expect(matchesLabels(m, { service: 'checkout', env: 'prod', team: 'web' })).toBe(false);
    expect(parseSelector('service="a"} or vector(1)')).toBeUndefined();
    expect(parseSelector('rate(x[5m])')).toBeUndefined();
    expect(parseSelector('')).toBeUndefined();
  });

  it('escapes quotes so a value cannot close the selector', () => {
    const m = parseSelector('service="a\\"b"')!;
    expect(m[0].value).toBe('a"b');
    expect(formatSelector(m)).toBe('{service="a\\"b"}');
  });

  it('reads SLO annotations', () => {
    expect(parseSlo('availability=99.9,latency-p95=300ms')).toEqual({ availability: 99.9, latencyP95Ms: 300 });
    expect(parseSlo('availability=120')).toBeUndefined();
  });
});

describe('alertmanagerWebhookSchema', () => {
  it('names the path of a bad field', () => {
    const result = alertmanagerWebhookSchema.safeParse({
      version: '4', groupKey: 'g', status: 'firing', receiver: 'r',
      alerts: [{ status: 'firing', labels: {}, startsAt: '2026-01-01T00:00:00Z', fingerprint: 'f' }],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(['alerts', 0, 'labels']);
  });
});
