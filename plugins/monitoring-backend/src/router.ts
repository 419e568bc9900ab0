import express from 'express';
import Router from 'express-promise-router';
import type { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  ackBodySchema,
  alertListQuerySchema,
  alertmanagerWebhookSchema,
  grafanaWebhookSchema,
  monitoringAlertAckPermission,
  monitoringAlertReadPermission,
  monitoringSilenceManagePermission,
  MonitoringStatus,
  statsQuerySchema,
} from '@portico/plugin-monitoring-common';
import { parseRequestInput, uuidParam } from '@portico/portico-node';
import type { JsonObject } from '@backstage/types';
import type { AccessService } from './service/AccessService';
import type { AckService } from './service/AckService';
import { AlertQueryService, toApiAlert } from './service/AlertQueryService';
import type { IngestService } from './service/IngestService';
import { fromWebhook } from './service/normalize';
import type { MonitoringSettings } from './service/settings';
import { checkWebhookToken } from './router/webhookAuth';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  access: AccessService;
  settings: MonitoringSettings;
  ingest: IngestService;
  acks: AckService;
  queries: AlertQueryService;
}

/** Monitoring's REST API: webhooks in, alerts out, acknowledgements. Thin: parse, authorize, call. */
export function createRouter(options: RouterOptions): express.Router {
  const { httpAuth, auditor, access, settings, ingest, acks, queries } = options;
  const router = Router();
  // A webhook of a few thousand alerts is a few MB.
  router.use(express.json({ limit: '10mb' }));

  const user = async (req: express.Request, ...permissions: Parameters<AccessService['authorize']>[1][]) =>
    access.authorize(await httpAuth.credentials(req, { allow: ['user'] }), ...permissions);

  async function audited<T>(req: express.Request, eventId: string, meta: JsonObject, change: () => Promise<T>) {
    const event = await auditor.createEvent({ eventId, request: req, severityLevel: 'medium', meta });
    try {
      const result = await change();
      await event.success({ meta });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error, meta });
      throw error;
    }
  }

  router.post('/alertmanager', async (req, res) => {
    checkWebhookToken(req, settings.alertmanager.webhookToken, 'monitoring.alertmanager.webhookToken');
    const body = parseRequestInput(alertmanagerWebhookSchema, req.body);
    const context = { groupKey: body.groupKey, receiver: body.receiver, source: 'alertmanager' as const };
    res.json(await ingest.ingest(body.alerts.map(a => fromWebhook(a, context)), body.truncatedAlerts));
  });

  router.post('/grafana', async (req, res) => {
    checkWebhookToken(req, settings.grafana.webhookToken, 'monitoring.grafana.webhookToken');
    const body = parseRequestInput(grafanaWebhookSchema, req.body);
    const context = { groupKey: body.groupKey || `grafana:${body.receiver}`, receiver: body.receiver, source: 'grafana' as const };
    res.json(await ingest.ingest(body.alerts.map(a => fromWebhook(a, context)), body.truncatedAlerts));
  });

  router.get('/status', async (req, res) => {
    const caller = await user(req);
    const status: MonitoringStatus = {
      prometheus: { configured: !!settings.prometheus.baseUrl, baseUrl: settings.prometheus.baseUrl },
      alertmanager: {
        configured: !!settings.alertmanager.baseUrl,
        baseUrl: settings.alertmanager.baseUrl,
        webhookEnabled: !!settings.alertmanager.webhookToken,
      },
      grafanaWebhookEnabled: !!settings.grafana.webhookToken,
      componentLabels: settings.componentLabels,
      caller: { mayScheduleSilences: caller.has(monitoringSilenceManagePermission) },
    };
    res.json(status);
  });

  router.get('/alerts', async (req, res) => {
    await user(req, monitoringAlertReadPermission);
    res.json(await queries.list(parseRequestInput(alertListQuerySchema, req.query)));
  });

  router.get('/alerts/:id', async (req, res) => {
    await user(req, monitoringAlertReadPermission);
    res.json(await queries.get(uuidParam(req)));
  });

  router.get('/stats', async (req, res) => {
    await user(req, monitoringAlertReadPermission);
    res.json(await queries.stats(parseRequestInput(statsQuerySchema, req.query)));
  });

  router.get('/my-firing', async (req, res) => {
    const caller = await user(req, monitoringAlertReadPermission);
    res.json({ firing: await queries.firingForTeams(caller.groups) });
  });

  router.post('/alerts/:id/ack', async (req, res) => {
    const caller = await user(req, monitoringAlertAckPermission);
    const id = uuidParam(req);
    const body = parseRequestInput(ackBodySchema, req.body);
    const meta = {
      alertId: id,
      comment: body.comment,
      expiresInMinutes: body.expiresInMinutes,
      ...(body.assignee ? { assignee: body.assignee } : {}),
      ...(body.ticketId ? { ticketId: body.ticketId } : {}),
    };
    const { alert, ack } = await audited(req, 'alert-acknowledge', meta, () => acks.acknowledge(caller, id, body));
    res.status(201).json(toApiAlert(alert, ack));
  });

  router.delete('/alerts/:id/ack', async (req, res) => {
    const caller = await user(req, monitoringAlertAckPermission);
    const id = uuidParam(req);
    const alert = await audited(req, 'alert-unacknowledge', { alertId: id }, () => acks.unacknowledge(caller, id));
    res.json(toApiAlert(alert));
  });

  return router;
}
