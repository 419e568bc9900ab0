import { createApiRef } from '@backstage/frontend-plugin-api';
import type { Page, ScheduleRunView, ScheduleView } from '@portico/plugin-portico-common';

/** The schedules page's view of `/api/portico/schedules`. */
export interface PorticoSchedulesApi {
  listSchedules(): Promise<Page<ScheduleView>>;
  listRuns(id: string): Promise<{ items: ScheduleRunView[] }>;
  setEnabled(id: string, enabled: boolean): Promise<ScheduleView>;
  runNow(id: string): Promise<ScheduleRunView>;
}

export const porticoSchedulesApiRef = createApiRef<PorticoSchedulesApi>().with({
  id: 'plugin.portico.schedules',
  pluginId: 'portico',
});
