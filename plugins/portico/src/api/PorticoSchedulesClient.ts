import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  Page,
  ScheduleCreate,
  ScheduleRunView,
  ScheduleUpdate,
  ScheduleView,
} from '@portico/plugin-portico-common';
import type { PorticoSchedulesApi } from './PorticoSchedulesApi';

/** Talks to the portico backend's schedules API with the signed-in user's token. */
export class PorticoSchedulesClient implements PorticoSchedulesApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  listSchedules(): Promise<Page<ScheduleView>> {
    return this.call('GET', '/schedules?limit=100');
  }

  listRuns(id: string): Promise<{ items: ScheduleRunView[] }> {
    return this.call('GET', `/schedules/${encodeURIComponent(id)}/runs`);
  }

  createSchedule(schedule: ScheduleCreate): Promise<ScheduleView> {
    return this.call('POST', '/schedules', schedule);
  }

  updateSchedule(id: string, patch: ScheduleUpdate): Promise<ScheduleView> {
    return this.call('PATCH', `/schedules/${encodeURIComponent(id)}`, patch);
  }

  async deleteSchedule(id: string): Promise<void> {
    await this.call('DELETE', `/schedules/${encodeURIComponent(id)}`);
  }

  setEnabled(id: string, enabled: boolean): Promise<ScheduleView> {
    return this.call('PATCH', `/schedules/${encodeURIComponent(id)}`, {
      enabled,
    });
  }

  runNow(id: string): Promise<ScheduleRunView> {
    return this.call('POST', `/schedules/${encodeURIComponent(id)}/run`);
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('portico');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    // A delete answers 204 with no body.
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}
