import { Content, Header, Page, WarningPanel } from '@backstage/core-components';
import { RequirePermission } from '@backstage/plugin-permission-react';
import { porticoSchedulesReadPermission } from '@portico/plugin-portico-common';
import { SchedulesTable } from './SchedulesTable';

/** Portal admins: the templates that run on a schedule, their last runs, pause and run now. */
export function SchedulesPage() {
  return (
    <Page themeId="tool">
      <Header title="Schedules" subtitle="Templates the portal runs on a schedule, and how their last runs went" />
      <Content>
        <RequirePermission
          permission={porticoSchedulesReadPermission}
          errorPage={
            <WarningPanel
              severity="info"
              title="Only portal admins can see schedules"
              message="Scheduled runs act with the portal's own authority, so this page is for members of the portal-admins group."
            />
          }
        >
          <SchedulesTable />
        </RequirePermission>
      </Content>
    </Page>
  );
}
