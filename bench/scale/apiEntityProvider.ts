/*
 * Bench fixture: a catalog entity provider that puts PORTICO_BENCH_APIS API entities into the
 * catalog (one full mutation), so that the catalog holds a company's worth of APIs. Loaded
 * only by bench/scale/backend.ts.
 */
import fs from 'fs';
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';

const OWNERS = ['payments-team', 'commerce-team', 'platform-team', 'hr-team'];

function definition(name: string): string {
  return [
    'openapi: 3.0.3',
    `info: { title: ${name}, version: 1.0.0 }`,
    'paths:',
    '  /items:',
    '    get:',
    '      responses:',
    "        '200': { description: ok }",
  ].join('\n');
}

const PLANS = [
  '- name: free',
  '  title: Free',
  '  rateLimit: { requests: 10, per: second }',
  '  approval: auto',
  '  environments: [sandbox, staging, production]',
].join('\n');

export function benchApiEntity(i: number): Entity {
  const name = `bench-api-${String(i).padStart(5, '0')}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name,
      title: `Bench API ${i}`,
      description: `API number ${i} of the scale benchmark`,
      annotations: {
        'backstage.io/managed-by-location': 'bench:apis',
        'backstage.io/managed-by-origin-location': 'bench:apis',
        'portico.io/tenant': i % 2 ? 'acme' : 'globex',
        'portico.io/plans': PLANS,
      },
      tags: ['bench'],
    },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: `group:default/${OWNERS[i % OWNERS.length]}`,
      definition: definition(name),
    },
  };
}

export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'bench-apis',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint, logger: coreServices.logger },
      async init({ catalog, logger }) {
        const count = Number(process.env.PORTICO_BENCH_APIS ?? 10_000);
        catalog.addEntityProvider({
          getProviderName: () => 'portico-bench-apis',
          async connect(connection) {
            // The catalog processes what is oldest first: thousands of APIs given at start-up
            // would go before the demo organisation (found later, in a location), and nobody
            // could sign in for many minutes. The bench creates this file once they can.
            // Waited for in the background: the catalog starts only once connect returns.
            const go = process.env.PORTICO_BENCH_APIS_AFTER;
            const provide = async () => {
              while (go && !fs.existsSync(go)) await new Promise(resolve => setTimeout(resolve, 1000));
              logger.info(`Bench: providing ${count} API entities`);
              await connection.applyMutation({
                type: 'full',
                entities: Array.from({ length: count }, (_, i) => ({
                  entity: benchApiEntity(i),
                  locationKey: 'bench:apis',
                })),
              });
            };
            provide().catch(error => logger.error(`Bench: providing the API entities failed: ${error}`));
          },
        });
      },
    });
  },
});
