import express from 'express';
import { jsonBody } from '@portico/portico-node';
import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { NamedServiceCallers } from '@portico/portico-node';
import type { AccessService } from './service/access/AccessService';
import type { ApiService } from './service/apis/ApiService';
import type { ApplicationService } from './service/applications/ApplicationService';
import type { KeyService } from './service/keys/KeyService';
import type { SubscriptionService } from './service/subscriptions/SubscriptionService';
import { apisRouter } from './router/apisRouter';
import { applicationsRouter } from './router/applicationsRouter';
import { keysRouter } from './router/keysRouter';
import { subscriptionsRouter } from './router/subscriptionsRouter';

/**
 * The APIM REST API (see @portico/plugin-apim-common for the list of routes), except Try-It
 * and code samples, which have their own router.
 */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  access: AccessService;
  apis: ApiService;
  applications: ApplicationService;
  subscriptions: SubscriptionService;
  keys: KeyService;
  verifyCallers: NamedServiceCallers;
}): express.Router {
  const router = Router();
  // Only on these routes: the Try-It router parses its own (larger) bodies.
  router.use(['/apis', '/applications', '/subscriptions', '/keys'], jsonBody({ limit: '32kb' }));
  router.use(apisRouter(options));
  router.use(applicationsRouter(options));
  router.use(subscriptionsRouter(options));
  router.use(keysRouter(options));
  return router;
}
