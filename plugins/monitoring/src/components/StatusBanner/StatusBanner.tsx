import { useApi } from '@backstage/frontend-plugin-api';
import { WarningPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import type { MonitoringStatus } from '@portico/plugin-monitoring-common';
import { monitoringApiRef } from '../../api';

/** What is missing, in the operator's words: which config key turns which part on. */
export function missingParts(status: MonitoringStatus): string[] {
  const missing: string[] = [];
  if (!status.alertmanager.webhookEnabled) {
    missing.push(
      'No alerts arrive: set monitoring.alertmanager.webhookToken and point an Alertmanager webhook_configs receiver at /api/monitoring/alertmanager with that bearer token.',
    );
  }
  if (!status.alertmanager.configured) {
    missing.push('Acknowledging does not silence Alertmanager: set monitoring.alertmanager.baseUrl.');
  }
  if (!status.prometheus.configured) {
    missing.push('Alert rules, RED metrics and error budgets need Prometheus: set monitoring.prometheus.baseUrl.');
  }
  return missing;
}

export function StatusBanner() {
  const api = useApi(monitoringApiRef);
  const { value } = useAsync(() => api.status(), [api]);
  if (!value) return null;
  const missing = missingParts(value);
  if (missing.length === 0) return null;
  return (
    <WarningPanel severity="info" title="Monitoring is partly configured" defaultExpanded>
      {missing.map(line => (
        <Typography key={line} variant="body2">
          {line}
        </Typography>
      ))}
    </WarningPanel>
  );
}
