import { InputError, NotFoundError } from '@backstage/errors';
import {
  formatSelector,
  LabelMatcher,
  matchesLabels,
  parseSelector,
  parseSlo,
  RedMetrics,
  RedSeries,
  RuleSummary,
  SloSummary,
} from '@portico/plugin-monitoring-common';
import type { ComponentRecord, MonitoringDatabase } from '../database/MonitoringStore';
import type { Clock } from './clock';
import type { PrometheusClient } from './PrometheusClient';

const RANGES: Record<string, { seconds: number; step: number }> = {
  '1h': { seconds: 3600, step: 30 },
  '6h': { seconds: 6 * 3600, step: 120 },
  '24h': { seconds: 86_400, step: 600 },
  '7d': { seconds: 7 * 86_400, step: 3600 },
};

/**
 * The series of a component: the matchers of its `portico.io/alert-selector`, else
 * `service="<name>"`. Built here from parsed matchers, so nothing a user wrote reaches
 * Prometheus as PromQL.
 */
export function selectorOf(component: ComponentRecord): LabelMatcher[] {
  const parsed = component.alertSelector ? parseSelector(component.alertSelector) : undefined;
  return parsed ?? [{ name: 'service', value: component.name, isRegex: false, isEqual: true }];
}

function withMatcher(matchers: LabelMatcher[], extra?: LabelMatcher) {
  return formatSelector(extra ? [...matchers, extra] : matchers);
}

export function redQueries(matchers: LabelMatcher[]): Record<RedSeries['name'], string> {
  const all = withMatcher(matchers);
  const errors = withMatcher(matchers, { name: 'status', value: '5..', isRegex: true, isEqual: true });
  const quantile = (q: number) =>
    `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket${all}[5m])))`;
  return {
    rate: `sum(rate(http_requests_total${all}[5m]))`,
    errorRatio: `(sum(rate(http_requests_total${errors}[5m])) or vector(0)) / sum(rate(http_requests_total${all}[5m]))`,
    p50: quantile(0.5),
    p95: quantile(0.95),
    p99: quantile(0.99),
  };
}

/** RED metrics, SLOs and the rules page, from Prometheus through the backend. */
export class MetricsService {
  constructor(private readonly options: { db: MonitoringDatabase; prometheus?: PrometheusClient; clock: Clock }) {}

  private async component(entityRef: string) {
    const component = await this.options.db.components.get(entityRef);
    if (!component) throw new NotFoundError(`No component ${entityRef} in the monitoring projection`);
    return component;
  }

  private prometheus() {
    if (!this.options.prometheus) {
      throw new InputError('Prometheus is not configured: set monitoring.prometheus.baseUrl');
    }
    return this.options.prometheus;
  }

  async red(entityRef: string, range: string): Promise<RedMetrics> {
    const component = await this.component(entityRef);
    const prometheus = this.prometheus();
    const { seconds, step } = RANGES[range];
    const end = Math.floor(this.options.clock.now() / 1000);
    const matchers = selectorOf(component);
    const queries = redQueries(matchers);
    const series = await Promise.all(
      (Object.keys(queries) as RedSeries['name'][]).map(async name => {
        const result = await prometheus.queryRange(queries[name], end - seconds, end, step);
        const points = (result[0]?.values ?? [])
          .map(([t, v]) => [Number(t), Number(v)] as [number, number])
          .filter(([, v]) => Number.isFinite(v));
        return { name, points };
      }),
    );
    const deployments = await this.options.db.deployments.between(component.entityRef, (end - seconds) * 1000, end * 1000, 200);
    return {
      entityRef: component.entityRef,
      selector: formatSelector(matchers),
      range,
      series,
      grafanaUrl: component.grafanaUrl,
      deployments: deployments.map(d => ({
        at: new Date(d.at).toISOString(),
        version: d.version,
        environment: d.environment,
        outcome: d.outcome,
        requestId: d.requestId,
      })),
    };
  }

  async slo(entityRef: string): Promise<SloSummary> {
    const component = await this.component(entityRef);
    const spec = parseSlo(component.slo);
    const summary: SloSummary = {
      entityRef: component.entityRef,
      availabilityTarget: spec?.availability,
      latencyP95TargetMs: spec?.latencyP95Ms,
    };
    if (!spec?.availability) return summary;
    if (!this.options.prometheus) return { ...summary, error: 'Prometheus is not configured: set monitoring.prometheus.baseUrl' };
    const matchers = selectorOf(component);
    const all = withMatcher(matchers);
    const errors = withMatcher(matchers, { name: 'status', value: '5..', isRegex: true, isEqual: true });
    const allowed = 1 - spec.availability / 100;
    const ratio = (window: string) =>
      `(sum(increase(http_requests_total${errors}[${window}])) or vector(0)) / sum(increase(http_requests_total${all}[${window}]))`;
    try {
      const [month] = await this.options.prometheus.query(ratio('30d'));
      const [hour] = await this.options.prometheus.query(ratio('1h'));
      const monthRatio = month?.value ? Number(month.value[1]) : undefined;
      const hourRatio = hour?.value ? Number(hour.value[1]) : undefined;
      return {
        ...summary,
        errorBudgetRemaining: monthRatio !== undefined && Number.isFinite(monthRatio) ? 1 - monthRatio / allowed : undefined,
        burnRate: hourRatio !== undefined && Number.isFinite(hourRatio) ? hourRatio / allowed : undefined,
      };
    } catch (error) {
      return { ...summary, error: String((error as Error).message) };
    }
  }

  async rules(): Promise<{ configured: boolean; rules: RuleSummary[] }> {
    if (!this.options.prometheus) return { configured: false, rules: [] };
    const groups = await this.options.prometheus.rules();
    const selectors = (await this.options.db.components.withSelector()).map(c => ({ ref: c.entityRef, matchers: selectorOf(c) }));
    const rules: RuleSummary[] = [];
    for (const group of groups) {
      for (const rule of group.rules.filter(r => r.type === 'alerting')) {
        const components = new Set<string>();
        for (const alert of rule.alerts ?? []) {
          for (const s of selectors) if (matchesLabels(s.matchers, alert.labels)) components.add(s.ref);
        }
        rules.push({
          group: group.name,
          file: group.file,
          name: rule.name,
          type: rule.type,
          state: rule.state,
          health: rule.health,
          lastEvaluation: rule.lastEvaluation,
          severity: rule.labels?.severity,
          query: rule.query,
          components: [...components],
          activeAlerts: rule.alerts?.length ?? 0,
        });
      }
    }
    return { configured: true, rules };
  }
}
