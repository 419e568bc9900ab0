import { ServiceUnavailableError } from '@backstage/errors';

export interface PromSample {
  metric: Record<string, string>;
  values?: Array<[number, string]>;
  value?: [number, string];
}

export interface PromRuleGroup {
  name: string;
  file: string;
  rules: Array<{
    type: 'alerting' | 'recording';
    name: string;
    query: string;
    health: string;
    state?: string;
    lastEvaluation?: string;
    labels?: Record<string, string>;
    alerts?: Array<{ labels: Record<string, string>; state: string }>;
  }>;
}

/** Prometheus's HTTP API, as the backend calls it (the browser never sends PromQL). */
export class PrometheusClient {
  constructor(private readonly baseUrl: string, private readonly timeoutMs = 10_000) {}

  async queryRange(query: string, start: number, end: number, stepSeconds: number): Promise<PromSample[]> {
    const params = new URLSearchParams({ query, start: String(start), end: String(end), step: String(stepSeconds) });
    return (await this.get<{ result: PromSample[] }>(`/api/v1/query_range?${params}`)).result;
  }

  async query(query: string): Promise<PromSample[]> {
    return (await this.get<{ result: PromSample[] }>(`/api/v1/query?${new URLSearchParams({ query })}`)).result;
  }

  async rules(): Promise<PromRuleGroup[]> {
    return (await this.get<{ groups: PromRuleGroup[] }>('/api/v1/rules?type=alert')).groups;
  }

  private async get<T>(path: string): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new ServiceUnavailableError(`Prometheus at ${this.baseUrl} is unreachable: ${error}`);
    }
    const body = (await res.json().catch(() => ({}))) as { status?: string; data?: T; error?: string };
    if (!res.ok || body.status !== 'success' || !body.data) {
      throw new ServiceUnavailableError(`Prometheus answered ${res.status}: ${body.error ?? 'no data'}`);
    }
    return body.data;
  }
}
