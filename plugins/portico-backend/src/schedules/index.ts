export { createSchedulesRouter } from './router';
export { KnexScheduleDatabase } from './database/KnexScheduleDatabase';
export { ScheduleRunner } from './service/ScheduleRunner';
export { ScheduleService } from './service/ScheduleService';
export { ScaffolderTasks } from './service/ScaffolderTasks';
export { TemplateGate } from './service/TemplateGate';
export { readScheduleSettings, seedExampleSchedules } from './service/seedSchedules';
