import type { LabelMatcher } from '@portico/plugin-monitoring-common';
import { ServiceUnavailableError } from '@backstage/errors';

export interface SilenceRequest {
  /** Exact label matchers (an alert's own labels)… */
  labels?: Record<string, string>;
  /** …or any matchers (a component's selector). */
  matchers?: LabelMatcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
}

/** Alertmanager API v2: silences. */
export interface SilenceGateway {
  createSilence(request: SilenceRequest): Promise<string>;
  /** Deleting a silence that is gone or expired is not an error. */
  deleteSilence(id: string): Promise<void>;
  /** Alerts Alertmanager holds as not resolved (active, silenced or inhibited). */
  unresolvedAlerts(): Promise<Array<{ fingerprint: string; startsAt: number }>>;
}

export class AlertmanagerClient implements SilenceGateway {
  constructor(private readonly baseUrl: string, private readonly timeoutMs = 10_000) {}

  async createSilence(request: SilenceRequest): Promise<string> {
    const res = await this.call('/api/v2/silences', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        // The alert's own labels, exact: the silence covers this alert and nothing wider.
        matchers:
          request.matchers ??
          Object.entries(request.labels ?? {}).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true })),
        startsAt: new Date(request.startsAt).toISOString(),
        endsAt: new Date(request.endsAt).toISOString(),
        createdBy: request.createdBy,
        comment: request.comment,
      }),
    });
    if (!res.ok) {
      throw new ServiceUnavailableError(`Alertmanager refused the silence: ${res.status} ${await res.text()}`);
    }
    const body = (await res.json()) as { silenceID?: string };
    if (!body.silenceID) throw new ServiceUnavailableError('Alertmanager answered without a silenceID');
    return body.silenceID;
  }

  async deleteSilence(id: string): Promise<void> {
    const res = await this.call(`/api/v2/silence/${encodeURIComponent(id)}`, { method: 'DELETE' });
    // 404: already gone; 500 "already expired" on older versions.
    if (res.ok || res.status === 404 || (res.status === 500 && /expired/i.test(await res.text()))) return;
    throw new ServiceUnavailableError(`Alertmanager did not delete silence ${id}: ${res.status}`);
  }

  async unresolvedAlerts(): Promise<Array<{ fingerprint: string; startsAt: number }>> {
    const res = await this.call('/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true', {});
    if (!res.ok) throw new ServiceUnavailableError(`Alertmanager did not list its alerts: ${res.status}`);
    const alerts = (await res.json()) as Array<{ fingerprint: string; startsAt: string }>;
    return alerts.map(a => ({ fingerprint: a.fingerprint, startsAt: Date.parse(a.startsAt) }));
  }

  private async call(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new ServiceUnavailableError(`Alertmanager at ${this.baseUrl} is unreachable: ${error}`);
    }
  }
}
