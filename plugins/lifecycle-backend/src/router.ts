import express from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  advanceClockSchema,
  entityRefQuerySchema,
  executionVerificationSchema,
  expiringQuerySchema,
  extendSchema,
  provisionSchema,
  resourceFilterSchema,
} from '@portico/plugin-lifecycle-common';
import { jsonBody, parseRequestInput as parse, uuidParam } from '@portico/portico-node';
import type { LifecycleAccess } from './service/access';
import type { ExecutionVerifier } from './service/executions/ExecutionVerifier';
import type { LifecycleService } from './service/LifecycleService';

/**
 * The lifecycle REST API. Thin: authenticate, parse with the -common schemas, call the service,
 * which checks permissions and ownership.
 */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  access: LifecycleAccess;
  lifecycle: LifecycleService;
  executions: ExecutionVerifier;
  /** The end-to-end test's time hook; absent unless `lifecycle.testHooks.clock` is set outside production. */
  testClock?: { advance(ms: number): Promise<unknown> };
}): express.Router {
  const { httpAuth, access, lifecycle, executions, testClock } = options;
  const router = Router();
  router.use(jsonBody({ limit: '64kb' }));

  const caller = async (req: express.Request) =>
    access.caller(await httpAuth.credentials(req, { allow: ['user'] }));

  router.get('/resources/expiring', async (req, res) => {
    const user = await caller(req);
    res.json(await lifecycle.expiring(user, parse(expiringQuerySchema, req.query)));
  });

  router.get('/resources/violations', async (req, res) => {
    const user = await caller(req);
    res.json(await lifecycle.violations(user, parse(resourceFilterSchema, req.query)));
  });

  router.get('/resources/by-ref', async (req, res) => {
    const user = await caller(req);
    const { entityRef } = parse(entityRefQuerySchema, req.query);
    res.json(await lifecycle.detail(user, entityRef));
  });

  router.post('/resources/extend', async (req, res) => {
    const user = await caller(req);
    res.json(await lifecycle.extend(user, parse(extendSchema, req.body ?? {})));
  });

  router.post('/provisions', async (req, res) => {
    const user = await caller(req);
    res.status(202).json(await lifecycle.provision(user, parse(provisionSchema, req.body ?? {})));
  });

  // The lifecycle templates' first step (lifecycle:sandbox:verify): named service callers only.
  router.post('/executions/:id/verify', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const claim = parse(executionVerificationSchema, req.body ?? {});
    res.json(await executions.verify(credentials, uuidParam(req), claim, req));
  });

  router.get('/cost-centers', async (req, res) => {
    const user = await caller(req);
    res.json({ items: await lifecycle.costCenters(user) });
  });

  if (testClock) {
    router.post('/testing/clock', async (req, res) => {
      await httpAuth.credentials(req, { allow: ['user'] });
      const { advanceMs } = parse(advanceClockSchema, req.body ?? {});
      res.json(await testClock.advance(advanceMs));
    });
  }

  return router;
}
