import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { IngestSummary } from '@portico/plugin-security-common';
import { CallOptions, PluginRestClient } from '../shared/PluginRestClient';

/** The isolation playbook's report, as the security backend takes it (isolationRecordSchema). */
export interface IsolationReport {
  containerId: string;
  summary: string;
  steps: string[];
  snapshotImage?: string;
  taskId?: string;
}

/** The security backend's REST API as the scaffolder actions need it, as the task's initiator. */
export class SecurityClient {
  readonly #rest: PluginRestClient;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.#rest = new PluginRestClient({ ...options, pluginId: 'security' });
  }

  /** 201 (new) and 200 (the same payload again) both answer the summary. */
  ingestTrivyReport(
    report: unknown,
    options: CallOptions,
  ): Promise<IngestSummary> {
    return this.#rest.request(
      'POST',
      '/reports/trivy',
      options,
      'Could not ingest the Trivy report',
      report,
    );
  }

  recordIsolation(
    findingId: string,
    report: IsolationReport,
    options: CallOptions,
  ): Promise<{ findingId: string; ticketId?: string }> {
    return this.#rest.request(
      'POST',
      `/findings/${encodeURIComponent(findingId)}/isolations`,
      options,
      `Could not record the isolation on finding ${findingId}`,
      report,
    );
  }
}
