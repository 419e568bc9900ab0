export { createPennylaneInvoicesSyncAction, PENNYLANE_SYNC_ACTION_ID } from './pennylane';
export { createPayfitEmployeesExportAction, PAYFIT_EXPORT_ACTION_ID } from './payfit';
export { createPowerBiPushRowsAction, POWERBI_PUSH_ACTION_ID } from './powerbi';
