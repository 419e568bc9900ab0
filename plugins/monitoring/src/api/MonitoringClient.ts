import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { AckRequest, AlertListRequest, MonitoringApi, SilenceWindowRequest } from './MonitoringApi';

function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Talks to the monitoring backend with the signed-in user's token. */
export class MonitoringClient implements MonitoringApi {
  constructor(private readonly options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  status() {
    return this.call<any>('GET', '/status');
  }
  listAlerts(request: AlertListRequest) {
    return this.call<any>('GET', `/alerts${queryString({ ...request })}`);
  }
  stats(request: { component?: string; team?: string } = {}) {
    return this.call<any>('GET', `/stats${queryString(request)}`);
  }
  async myFiring() {
    return (await this.call<{ firing: number }>('GET', '/my-firing')).firing;
  }
  acknowledge(id: string, body: AckRequest) {
    return this.call<any>('POST', `/alerts/${encodeURIComponent(id)}/ack`, body);
  }
  unacknowledge(id: string) {
    return this.call<any>('DELETE', `/alerts/${encodeURIComponent(id)}/ack`);
  }
  rules() {
    return this.call<any>('GET', '/rules');
  }
  red(entityRef: string, range: string) {
    return this.call<any>('GET', `/metrics/red${queryString({ entityRef, range })}`);
  }
  health(entityRef: string) {
    return this.call<any>('GET', `/health${queryString({ entityRef })}`);
  }
  slo(entityRef: string) {
    return this.call<any>('GET', `/slo${queryString({ entityRef })}`);
  }
  silenceWindows(request: { component?: string; limit?: number; offset?: number } = {}) {
    return this.call<any>('GET', `/silence-windows${queryString(request)}`);
  }
  scheduleSilenceWindow(body: SilenceWindowRequest) {
    return this.call<any>('POST', '/silence-windows', body);
  }
  cancelSilenceWindow(id: string) {
    return this.call<any>('DELETE', `/silence-windows/${encodeURIComponent(id)}`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('monitoring');
    const res = await this.options.fetchApi.fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }
}

/** The server's explanation of a failure (a ResponseError's message is only the status line). */
export function describeError(error: Error): string {
  if (error instanceof ResponseError) return error.body?.error?.message || error.message;
  return error.message;
}
