import express from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  porticoSchedulesManagePermission,
  porticoSchedulesReadPermission,
  scheduleCreateSchema,
  scheduleListQuerySchema,
  scheduleRunsQuerySchema,
  scheduleUpdateSchema,
} from '@portico/plugin-portico-common';
import { jsonBody, parseRequestInput as parse, uuidParam } from '@portico/portico-node';
import type { Actor, ScheduleService } from './service/ScheduleService';

/** `/schedules`: portal admins list, create, change, delete and run schedules now. */
export function createSchedulesRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  schedules: ScheduleService;
}): express.Router {
  const { httpAuth, permissions, schedules } = options;
  const router = Router();
  router.use('/schedules', jsonBody({ limit: '32kb' }));

  const authorize = async (req: express.Request, permission: BasicPermission): Promise<Actor> => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You need the ${permission.name} permission`);
    }
    return credentials;
  };

  router.get('/schedules', async (req, res) => {
    await authorize(req, porticoSchedulesReadPermission);
    res.json(await schedules.list(parse(scheduleListQuerySchema, req.query)));
  });

  router.post('/schedules', async (req, res) => {
    const actor = await authorize(req, porticoSchedulesManagePermission);
    res.status(201).json(await schedules.create(actor, parse(scheduleCreateSchema, req.body)));
  });

  router.get('/schedules/:id', async (req, res) => {
    await authorize(req, porticoSchedulesReadPermission);
    res.json(await schedules.get(uuidParam(req)));
  });

  router.get('/schedules/:id/runs', async (req, res) => {
    await authorize(req, porticoSchedulesReadPermission);
    const { limit } = parse(scheduleRunsQuerySchema, req.query);
    res.json(await schedules.runs(uuidParam(req), limit));
  });

  router.patch('/schedules/:id', async (req, res) => {
    const actor = await authorize(req, porticoSchedulesManagePermission);
    const id = uuidParam(req);
    res.json(await schedules.update(actor, id, parse(scheduleUpdateSchema, req.body)));
  });

  router.delete('/schedules/:id', async (req, res) => {
    const actor = await authorize(req, porticoSchedulesManagePermission);
    await schedules.delete(actor, uuidParam(req));
    res.status(204).end();
  });

  router.post('/schedules/:id/run', async (req, res) => {
    const actor = await authorize(req, porticoSchedulesManagePermission);
    res.status(202).json(await schedules.runNow(actor, uuidParam(req)));
  });

  return router;
}
