import { Content, Header, Link, Page } from '@backstage/core-components';
import { RequirePermission } from '@backstage/plugin-permission-react';
import { porticoEventsReadPermission } from '@portico/plugin-portico-common';
import { AdminsOnlyPanel } from '../AdminsOnlyPanel';
import { EventsExplorer } from '../EventsExplorer';
import { VisibleToEventReaders } from '../VisibleToEventReaders';

/** What an operator opens when someone says "my subscription never showed up". */
export function EventsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Events"
        subtitle="What every Portico plugin published, and where it went"
      >
        <VisibleToEventReaders>
          <Link to="/schedules" style={{ color: 'inherit' }}>
            Scheduled runs
          </Link>
        </VisibleToEventReaders>
      </Header>
      <Content>
        <RequirePermission
          permission={porticoEventsReadPermission}
          errorPage={<AdminsOnlyPanel />}
        >
          <EventsExplorer />
        </RequirePermission>
      </Content>
    </Page>
  );
}
