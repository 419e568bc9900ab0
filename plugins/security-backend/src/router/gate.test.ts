import { ConfigReader } from '@backstage/config';
import { readSecuritySettings } from '../config';
import request from 'supertest';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KnexSecurityDatabase } from '../database/KnexSecurityDatabase';
import { CatalogSync } from '../service/CatalogSync';
import { systemClock } from '../service/clock';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { alpineReport, PAYMENTS_DIGEST } from '../__testUtils__/fixtures';
import {
  auth,
  CATALOG,
  SecurityTestBackend,
  serviceAuth,
  startSecurityTestBackend,
} from '../__testUtils__/securityTestBackend';

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())(
  'catalog projection and promotion gate on %p',
  databaseId => {
    let backend: SecurityTestBackend;

    beforeAll(async () => {
      // Not pastSlaOnly: the findings just opened count at once.
      backend = await startSecurityTestBackend(databases, databaseId, {
        config: {
          security: {
            ingest: { allowedSubjects: ['external:ci'] },
            gate: { pastSlaOnly: false },
          },
        },
      });
    });
    afterAll(async () => {
      await backend.stop();
    });

    const gate = (
      componentRef: string,
      version: string,
      authorization = serviceAuth('plugin:promotions'),
    ) =>
      request(backend.server)
        .get('/api/security/gate')
        .query({ componentRef, version })
        .set('Authorization', authorization);

    it('a report before the sync lands unowned; the sync links it', async () => {
      await request(backend.server)
        .post('/api/security/reports/trivy')
        .set('Authorization', serviceAuth('external:ci'))
        .send(alpineReport());
      expect(
        await backend.knex('security_findings').whereNotNull('component_ref'),
      ).toHaveLength(0);
      await backend.sync();
      const linked = await backend
        .knex('security_findings')
        .where({ component_ref: 'component:default/payments-gateway' });
      expect(linked).toHaveLength(5);
      const components = await backend
        .knex('security_components')
        .select('entity_ref', 'images', 'namespace')
        .orderBy('entity_ref');
      expect(components).toEqual([
        {
          entity_ref: 'component:default/ledger-service',
          images: JSON.stringify([
            'ghcr.io/acme/ledger-migrations',
            'ledger-service',
          ]),
          namespace: null,
        },
        {
          entity_ref: 'component:default/payments-gateway',
          images: JSON.stringify(['ghcr.io/acme/payments-gateway']),
          namespace: 'payments',
        },
      ]);
      // A second run with nothing changed rewrites nothing.
      const before = await backend
        .knex('security_components')
        .select('updated_at')
        .orderBy('entity_ref');
      await backend.sync();
      expect(
        await backend
          .knex('security_components')
          .select('updated_at')
          .orderBy('entity_ref'),
      ).toEqual(before);
    });

    it('answers only the promotions plugin', async () => {
      expect(
        (
          await gate(
            'component:default/payments-gateway',
            '1.4.2',
            auth('frank'),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await gate(
            'component:default/payments-gateway',
            '1.4.2',
            serviceAuth('external:ci'),
          )
        ).status,
      ).toBe(403);
    });

    it('fails the exact version with open critical findings, by tag or by digest, and passes the others', async () => {
      const byTag = await gate('component:default/payments-gateway', '1.4.2');
      expect(byTag.status).toBe(200);
      expect(byTag.body).toMatchObject({
        status: 'fail',
        findings: [{ ruleId: 'CVE-2023-5363', severity: 'critical' }],
      });
      expect(byTag.body.summary).toMatch(/CVE-2023-5363/);
      const byDigest = await gate(
        'component:default/payments-gateway',
        PAYMENTS_DIGEST,
      );
      expect(byDigest.body.status).toBe('fail');
      expect(
        (await gate('component:default/payments-gateway', '1.4.3')).body.status,
      ).toBe('pass');
      expect(
        (await gate('component:default/customers-service', '1.4.2')).body,
      ).toMatchObject({ status: 'pass', findings: [] });
    });

    it('passes once the finding is fixed by a later scan', async () => {
      const later = alpineReport('1.4.2', { without: ['CVE-2023-5363'] });
      (later as any).CreatedAt = '2026-12-06T00:00:00Z';
      await request(backend.server)
        .post('/api/security/reports/trivy')
        .set('Authorization', serviceAuth('external:ci'))
        .send(later);
      expect(
        (await gate('component:default/payments-gateway', '1.4.2')).body.status,
      ).toBe('pass');
    });

    it('a component removed from the catalog unlinks its findings', async () => {
      const sync = new CatalogSync({
        catalog: catalogServiceMock({
          entities: CATALOG.filter(e => e.metadata.name !== 'payments-gateway'),
        }),
        auth: mockServices.auth(),
        db: await KnexSecurityDatabase.create({
          knex: backend.knex,
          skipMigrations: true,
        }),
        logger: mockServices.logger.mock(),
        clock: systemClock,
        settings: readSecuritySettings(new ConfigReader({})),
      });
      expect(await sync.run()).toMatchObject({
        seen: 1,
        changed: 0,
        removed: 1,
      });
      expect(
        await backend
          .knex('security_findings')
          .where({ repository: 'ghcr.io/acme/payments-gateway' })
          .whereNull('component_ref'),
      ).toHaveLength(5);
      expect(
        await backend
          .knex('security_findings')
          .where({ component_ref: 'component:default/payments-gateway' }),
      ).toHaveLength(0);
    });
  },
);
