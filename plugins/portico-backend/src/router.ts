import express from 'express';
import { jsonBody } from '@portico/portico-node';
import Router from 'express-promise-router';
import type { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import {
  describeZodError,
  eventsQuerySchema,
  porticoEventsReadPermission,
  porticoEventsRetryPermission,
} from '@portico/plugin-portico-common';
import type { PorticoEventsQueryService } from './service/EventsService';

const ID = /^[0-9a-f-]{36}$/i;
const PLUGIN = /^[a-z][a-z0-9-]*$/;

export function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  events: PorticoEventsQueryService;
}): express.Router {
  const { httpAuth, permissions, events } = options;
  const router = Router();
  router.use(jsonBody({ limit: '16kb' }));

  const authorize = async (req: express.Request, permission: BasicPermission) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize([{ permission }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You need the ${permission.name} permission`);
    }
  };

  const pathParams = (req: express.Request) => {
    const { plugin, id } = req.params;
    if (!PLUGIN.test(plugin)) throw new InputError('plugin: not a plugin id');
    if (!ID.test(id)) throw new InputError('id: not an event id (uuid)');
    return { plugin, id };
  };

  router.get('/events', async (req, res) => {
    await authorize(req, porticoEventsReadPermission);
    const parsed = eventsQuerySchema.safeParse(req.query);
    if (!parsed.success) throw new InputError(describeZodError(parsed.error));
    res.json(await events.list(parsed.data));
  });

  router.get('/events/:plugin/:id', async (req, res) => {
    await authorize(req, porticoEventsReadPermission);
    const { plugin, id } = pathParams(req);
    res.json(await events.get(plugin, id));
  });

  router.post('/events/:plugin/:id/retry', async (req, res) => {
    await authorize(req, porticoEventsRetryPermission);
    const { plugin, id } = pathParams(req);
    await events.retry(plugin, id);
    res.status(204).end();
  });

  return router;
}
