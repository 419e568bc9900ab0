import express from 'express';
import { jsonBody } from '@portico/portico-node';
import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  approvalSchema,
  attemptVerificationSchema,
  deploymentReportSchema,
  listPromotionsQuerySchema,
  rejectionSchema,
  retrySchema,
} from '@portico/plugin-promotions-common';
import type { PromotionsAccess } from './service/access';
import type { AttemptVerifier } from './service/AttemptVerifier';
import type { PromotionServices } from './service/promotionServices';
import { idParam, parse } from './router/http';

/**
 * The promotions REST API (see @portico/plugin-promotions-common). Thin on purpose: it
 * authenticates, parses and maps; the service decides every rule (permissions included), so the
 * scaffolder action and retries meet the same ones.
 */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  access: PromotionsAccess;
  promotions: PromotionServices;
  verifier: AttemptVerifier;
}): express.Router {
  const { httpAuth, access, promotions, verifier } = options;
  const router = Router();
  router.use(jsonBody({ limit: '64kb' }));

  const caller = async (req: express.Request) =>
    access.caller(await httpAuth.credentials(req, { allow: ['user'] }));

  router.get('/settings', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    res.json(promotions.queries.settingsView());
  });

  router.get('/requests', async (req, res) => {
    const user = await caller(req);
    res.json(
      await promotions.queries.list(
        user,
        parse(listPromotionsQuerySchema, req.query),
      ),
    );
  });

  router.get('/requests/count', async (req, res) => {
    const user = await caller(req);
    res.json({ count: await promotions.queries.countAwaitingApproval(user) });
  });

  router.post('/requests', async (req, res) => {
    const user = await caller(req);
    res
      .status(201)
      .json(await promotions.requests.create(user, req.body ?? {}));
  });

  router.get('/requests/:id', async (req, res) => {
    const user = await caller(req);
    res.json(await promotions.queries.get(user, idParam(req)));
  });

  router.post('/requests/:id/approve', async (req, res) => {
    const user = await caller(req);
    const id = idParam(req);
    const { comment } = parse(approvalSchema, req.body);
    res.json(await promotions.decisions.approve(user, id, comment));
  });

  router.post('/requests/:id/reject', async (req, res) => {
    const user = await caller(req);
    const id = idParam(req);
    const { comment } = parse(rejectionSchema, req.body);
    res.json(await promotions.decisions.reject(user, id, comment));
  });

  router.post('/requests/:id/retry', async (req, res) => {
    const user = await caller(req);
    const id = idParam(req);
    const { comment } = parse(retrySchema, req.body);
    res.json(await promotions.retries.retry(user, id, comment));
  });

  // The external executor (AWX or alike) reports with service credentials; only the services
  // named for the target environment are heard, a user's token is refused.
  router.post('/requests/:id/deployment', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    const id = idParam(req);
    const report = parse(deploymentReportSchema, req.body);
    res.json(await promotions.reports.report(credentials, id, report, req));
  });

  // The first step of the deployment template, run by the scaffolder for a task this plugin
  // started: may this task deploy this attempt?
  router.post('/attempts/:attemptId/verify', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const attemptId = idParam(req, 'attemptId');
    const claim = parse(attemptVerificationSchema, req.body);
    res.json(await verifier.verify(credentials, attemptId, claim, req));
  });

  return router;
}
