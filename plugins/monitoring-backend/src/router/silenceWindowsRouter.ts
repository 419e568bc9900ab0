import express from 'express';
import Router from 'express-promise-router';
import type { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  monitoringAlertReadPermission,
  monitoringSilenceManagePermission,
  silenceWindowBodySchema,
  silenceWindowListQuerySchema,
} from '@portico/plugin-monitoring-common';
import { parseRequestInput, uuidParam } from '@portico/portico-node';
import type { AccessService } from '../service/AccessService';
import type { SilenceWindowService } from '../service/SilenceWindowService';

/** Maintenance silences: listed for readers, scheduled and cancelled with monitoring.silence.manage, audited. */
export function createSilenceWindowsRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  access: AccessService;
  windows: SilenceWindowService;
}): express.Router {
  const { httpAuth, auditor, access, windows } = options;
  const router = Router();
  router.use(express.json());
  const user = async (req: express.Request, ...p: Parameters<AccessService['authorize']>[1][]) =>
    access.authorize(await httpAuth.credentials(req, { allow: ['user'] }), ...p);

  router.get('/silence-windows', async (req, res) => {
    await user(req, monitoringAlertReadPermission);
    res.json(await windows.list(parseRequestInput(silenceWindowListQuerySchema, req.query)));
  });

  router.post('/silence-windows', async (req, res) => {
    const caller = await user(req, monitoringSilenceManagePermission);
    const body = parseRequestInput(silenceWindowBodySchema, req.body);
    const meta = { componentRef: body.componentRef, startsAt: body.startsAt, endsAt: body.endsAt, comment: body.comment };
    const event = await auditor.createEvent({ eventId: 'silence-window-schedule', request: req, severityLevel: 'medium', meta });
    try {
      const window = await windows.schedule(caller, body);
      await event.success({ meta: { ...meta, windowId: window.id, silenceIds: window.silenceIds } });
      res.status(201).json(window);
    } catch (error) {
      await event.fail({ error: error as Error, meta });
      throw error;
    }
  });

  router.delete('/silence-windows/:id', async (req, res) => {
    const caller = await user(req, monitoringSilenceManagePermission);
    const id = uuidParam(req);
    const event = await auditor.createEvent({ eventId: 'silence-window-cancel', request: req, severityLevel: 'medium', meta: { windowId: id } });
    try {
      const window = await windows.cancel(caller, id);
      await event.success();
      res.json(window);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });
  return router;
}
