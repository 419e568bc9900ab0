import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createPayfitEmployeesExportAction, createPennylaneInvoicesSyncAction, createPowerBiPushRowsAction } from './actions';

/** PennyLane, PayFit and Power BI actions. Registered unconfigured: each names the missing key when run. */
export const scaffolderModuleFinance = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'finance',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint, config: coreServices.rootConfig },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createPennylaneInvoicesSyncAction({ config }),
          createPayfitEmployeesExportAction({ config }),
          createPowerBiPushRowsAction({ config }),
        );
      },
    });
  },
});
