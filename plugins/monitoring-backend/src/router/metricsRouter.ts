import express from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  entityQuerySchema,
  monitoringAlertReadPermission,
  monitoringMetricsReadPermission,
  monitoringRulesReadPermission,
  redQuerySchema,
} from '@portico/plugin-monitoring-common';
import { parseRequestInput } from '@portico/portico-node';
import type { AccessService } from '../service/AccessService';
import type { GateService } from '../service/GateService';
import type { HealthProber } from '../service/HealthProber';
import type { MetricsService } from '../service/MetricsService';

/** Rules, RED metrics, health, SLOs and the promotion gate: reads, each behind its permission. */
export function createMetricsRouter(options: {
  httpAuth: HttpAuthService;
  access: AccessService;
  metrics: MetricsService;
  health: HealthProber;
  gate: GateService;
}): express.Router {
  const { httpAuth, access, metrics, health, gate } = options;
  const router = Router();
  const user = async (req: express.Request, ...p: Parameters<AccessService['authorize']>[1][]) =>
    access.authorize(await httpAuth.credentials(req, { allow: ['user'] }), ...p);

  router.get('/rules', async (req, res) => {
    await user(req, monitoringRulesReadPermission);
    res.json(await metrics.rules());
  });
  router.get('/metrics/red', async (req, res) => {
    await user(req, monitoringMetricsReadPermission);
    const q = parseRequestInput(redQuerySchema, req.query);
    res.json(await metrics.red(q.entityRef, q.range));
  });
  router.get('/health', async (req, res) => {
    await user(req, monitoringMetricsReadPermission);
    res.json(await health.summary(parseRequestInput(entityQuerySchema, req.query).entityRef));
  });
  router.get('/slo', async (req, res) => {
    await user(req, monitoringMetricsReadPermission);
    res.json(await metrics.slo(parseRequestInput(entityQuerySchema, req.query).entityRef));
  });
  // The promotions gate calls this with its own service credentials.
  router.get('/gate', async (req, res) => {
    await access.authorize(await httpAuth.credentials(req, { allow: ['user', 'service'] }), monitoringAlertReadPermission);
    res.json(await gate.evaluate(parseRequestInput(entityQuerySchema, req.query).entityRef));
  });
  return router;
}
