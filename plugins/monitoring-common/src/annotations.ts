/** Entity annotations the monitoring plugin reads (kept in its component projection). */
export const ANNOTATIONS = {
  /** Label matchers that pick this component's alerts and series, e.g. `service="checkout"`. */
  alertSelector: 'portico.io/alert-selector',
  /** An HTTP(S) URL the prober calls; 2xx/3xx is up. */
  healthUrl: 'portico.io/health-url',
  /** Objectives, e.g. `availability=99.9,latency-p95=300ms`. */
  slo: 'portico.io/slo',
  /** A Grafana dashboard URL linked from the Metrics tab. */
  grafanaDashboard: 'grafana/dashboard-url',
  /**
   * The component's own Slack channel (Backstage's Slack processor annotation): its alerts are
   * posted there besides the owner team's channels.
   */
  alertChannel: 'slack.com/bot-notify',
} as const;

export interface LabelMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/;
const BARE = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*([^",{}\s]+)\s*$/;

/**
 * Parses `service="checkout", env=~"prod|staging"` (braces optional) into matchers; returns
 * undefined when any part is not a matcher, so that a bad annotation never widens a query.
 */
export function parseSelector(selector: string): LabelMatcher[] | undefined {
  const inner = selector.trim().replace(/^\{/, '').replace(/\}$/, '');
  if (!inner.trim()) return undefined;
  const parts = inner.match(/(?:[^,"]|"(?:[^"\\]|\\.)*")+/g) ?? [];
  const matchers: LabelMatcher[] = [];
  for (const part of parts) {
    const m = MATCHER.exec(part) ?? BARE.exec(part);
    if (!m) return undefined;
    const op = m[2];
    matchers.push({
      name: m[1],
      value: m[3].replace(/\\(.)/g, '$1'),
      isRegex: op === '=~' || op === '!~',
      isEqual: op === '=' || op === '=~',
    });
  }
  return matchers;
}

/** Whether the labels satisfy every matcher (Prometheus regexes are anchored). */
export function matchesLabels(matchers: LabelMatcher[], labels: Record<string, string>): boolean {
  return matchers.every(m => {
    const value = labels[m.name] ?? '';
    let hit: boolean;
    if (m.isRegex) {
      try {
        hit = new RegExp(`^(?:${m.value})$`).test(value);
      } catch {
        return false;
      }
    } else {
      hit = value === m.value;
    }
    return m.isEqual ? hit : !hit;
  });
}

/** Back to PromQL's `{...}` form, values quoted and escaped. */
export function formatSelector(matchers: LabelMatcher[]): string {
  const op = (m: LabelMatcher) => {
    if (m.isRegex) return m.isEqual ? '=~' : '!~';
    return m.isEqual ? '=' : '!=';
  };
  return `{${matchers
    .map(m => `${m.name}${op(m)}"${m.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join(',')}}`;
}

export interface SloSpec {
  /** Percent of good requests, e.g. 99.9. */
  availability?: number;
  /** p95 latency objective in milliseconds. */
  latencyP95Ms?: number;
}

/** Parses `availability=99.9,latency-p95=300ms`; unknown keys are ignored, bad values dropped. */
export function parseSlo(value: string | undefined): SloSpec | undefined {
  if (!value) return undefined;
  const spec: SloSpec = {};
  for (const part of value.split(',')) {
    const [key, raw] = part.split('=').map(s => s?.trim());
    if (!key || !raw) continue;
    if (key === 'availability') {
      const n = Number(raw.replace(/%$/, ''));
      if (n > 0 && n < 100) spec.availability = n;
    } else if (key === 'latency-p95') {
      const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(raw);
      if (m) spec.latencyP95Ms = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
    }
  }
  return spec.availability || spec.latencyP95Ms ? spec : undefined;
}
