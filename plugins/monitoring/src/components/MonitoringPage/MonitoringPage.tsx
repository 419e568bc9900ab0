import { Content, Header, Page } from '@backstage/core-components';
import { useQueryObjectState } from '@portico/portico-react';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { AlertsView } from '../AlertsView';
import { RulesView } from '../RulesView';
import { StatusBanner } from '../StatusBanner';

/** `/monitoring`: alerts (firing, acknowledged, resolved) and Prometheus's alert rules. */
export function MonitoringPage() {
  const [view, setView] = useQueryObjectState('view');
  const tab = view.tab === 'rules' ? 'rules' : 'alerts';
  return (
    <Page themeId="tool">
      <Header title="Monitoring" subtitle="Alerts from Alertmanager and Grafana, per component, with acknowledgement" />
      <Content>
        <StatusBanner />
        <Tabs value={tab} onChange={(_, v) => setView({ tab: v === 'alerts' ? undefined : v })} indicatorColor="primary">
          <Tab value="alerts" label="Alerts" />
          <Tab value="rules" label="Alert rules" />
        </Tabs>
        <div style={{ marginTop: 16 }}>{tab === 'alerts' ? <AlertsView /> : <RulesView />}</div>
      </Content>
    </Page>
  );
}
