import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Box from '@material-ui/core/Box';
import { Content, Header, Page } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { useSearchParams } from 'react-router-dom';
import {
  servicedeskReportReadPermission,
  servicedeskRequestWorkPermission,
  servicedeskServiceManagePermission,
} from '@portico/plugin-servicedesk-common';
import { MyRequests } from '../MyRequests/MyRequests';
import { Queue } from '../Queue/Queue';
import { ServiceCatalog } from '../ServiceCatalog/ServiceCatalog';
import { ServicesAdmin } from '../ServicesAdmin/ServicesAdmin';
import { SlaReport } from '../SlaReport/SlaReport';

/** The service desk: the catalog and one's requests for everybody; queue and SLA for agents; services for admins. */
export function ServicedeskPage() {
  const [params, setParams] = useSearchParams();
  const work = usePermission({ permission: servicedeskRequestWorkPermission });
  const report = usePermission({ permission: servicedeskReportReadPermission });
  const manage = usePermission({ permission: servicedeskServiceManagePermission });
  const tabs: Array<{ id: string; label: string; element: JSX.Element }> = [
    { id: 'catalog', label: 'Service catalog', element: <ServiceCatalog /> },
    { id: 'mine', label: 'My requests', element: <MyRequests /> },
    ...(work.allowed ? [{ id: 'queue', label: 'Queue', element: <Queue /> }] : []),
    ...(report.allowed || work.allowed ? [{ id: 'sla', label: 'SLA', element: <SlaReport /> }] : []),
    ...(manage.allowed ? [{ id: 'services', label: 'Services', element: <ServicesAdmin /> }] : []),
  ];
  const current = tabs.find(t => t.id === params.get('tab')) ?? tabs[0];
  return (
    <Page themeId="tool">
      <Header title="Service desk" subtitle="Ask for a service, follow your requests; agents work the queue" />
      <Content>
        <Tabs
          value={current.id}
          onChange={(_, id) => setParams({ tab: id })}
          indicatorColor="primary"
          textColor="primary"
        >
          {tabs.map(t => (
            <Tab key={t.id} value={t.id} label={t.label} />
          ))}
        </Tabs>
        <Box mt={3}>{current.element}</Box>
      </Content>
    </Page>
  );
}
