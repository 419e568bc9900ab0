import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModulePortico } from './module';

describe('scaffolderModulePortico', () => {
  it('registers the apim and servicedesk actions with the scaffolder, with dry-run support and examples', async () => {
    const actions: TemplateAction<any, any, any>[] = [];

    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...added) => actions.push(...added) },
        ],
      ],
      features: [scaffolderModulePortico, mockServices.discovery.factory()],
    });

    expect(actions.map(a => a.id)).toEqual([
      'apim:application:create',
      'apim:subscription:create',
      'servicedesk:incident:file',
      'servicedesk:integration:require',
      'servicedesk:request:verify',
      'promotions:request:create',
      'promotions:attempt:verify',
      'security:finding:record-isolation',
      'security:trivy:ingest',
    ]);
    for (const action of actions) {
      expect(action.supportsDryRun).toBe(true);
      expect(action.examples?.length).toBeGreaterThan(0);
      expect(action.schema?.input).toMatchObject({ type: 'object' });
      expect(action.schema?.output).toMatchObject({ type: 'object' });
    }
  });
});
