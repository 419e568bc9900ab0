import { Content, Header, Page } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { monitoringApiRef } from '../../api';
import { useQueryObjectState } from '@portico/portico-react';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { AlertsView } from '../AlertsView';
import { RulesView } from '../RulesView';
import { SilenceWindowsView } from '../SilenceWindows';
import { StatusBanner } from '../StatusBanner';

const TABS = ['alerts', 'rules', 'maintenance'] as const;

/** `/monitoring`: alerts (firing, acknowledged, resolved), Prometheus's alert rules, maintenance silences. */
export function MonitoringPage() {
  const api = useApi(monitoringApiRef);
  const [view, setView] = useQueryObjectState('view');
  const tab = TABS.find(t => t === view.tab) ?? 'alerts';
  const status = useAsync(() => api.status(), [api]);
  return (
    <Page themeId="tool">
      <Header title="Monitoring" subtitle="Alerts from Alertmanager and Grafana, per component, with acknowledgement" />
      <Content>
        <StatusBanner />
        <Tabs value={tab} onChange={(_, v) => setView({ tab: v === 'alerts' ? undefined : v })} indicatorColor="primary">
          <Tab value="alerts" label="Alerts" />
          <Tab value="rules" label="Alert rules" />
          <Tab value="maintenance" label="Maintenance" />
        </Tabs>
        <div style={{ marginTop: 16 }}>
          {tab === 'alerts' && <AlertsView />}
          {tab === 'rules' && <RulesView />}
          {tab === 'maintenance' && <SilenceWindowsView status={status.value} />}
        </div>
      </Content>
    </Page>
  );
}
