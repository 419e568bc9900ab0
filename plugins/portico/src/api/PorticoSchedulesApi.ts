import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  Page,
  ScheduleCreate,
  ScheduleRunView,
  ScheduleUpdate,
  ScheduleView,
} from '@portico/plugin-portico-common';

/** The schedules page's view of `/api/portico/schedules`. */
export interface PorticoSchedulesApi {
  listSchedules(): Promise<Page<ScheduleView>>;
  listRuns(id: string): Promise<{ items: ScheduleRunView[] }>;
  createSchedule(schedule: ScheduleCreate): Promise<ScheduleView>;
  updateSchedule(id: string, patch: ScheduleUpdate): Promise<ScheduleView>;
  deleteSchedule(id: string): Promise<void>;
  setEnabled(id: string, enabled: boolean): Promise<ScheduleView>;
  runNow(id: string): Promise<ScheduleRunView>;
}

export const porticoSchedulesApiRef = createApiRef<PorticoSchedulesApi>().with({
  id: 'plugin.portico.schedules',
  pluginId: 'portico',
});
