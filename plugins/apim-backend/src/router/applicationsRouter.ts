import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  apimApiReadPermission,
  apimApplicationCreatePermission,
  apimApplicationManagePermission,
  createApplicationSchema,
  listApplicationsQuerySchema,
  updateApplicationSchema,
} from '@portico/plugin-apim-common';
import type { AccessService } from '../service/access/AccessService';
import {
  ApplicationService,
  toApplicationView,
} from '../service/applications/ApplicationService';
import { idParam, parse } from './http';

export function applicationsRouter(options: {
  httpAuth: HttpAuthService;
  access: AccessService;
  applications: ApplicationService;
}) {
  const { httpAuth, access, applications } = options;
  const router = Router();

  router.get('/applications', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = await access.authorize(credentials, apimApiReadPermission);
    const query = parse(listApplicationsQuerySchema, req.query);
    res.json(await applications.list(caller, query));
  });

  router.post('/applications', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = await access.authorize(credentials, apimApplicationCreatePermission);
    const body = parse(createApplicationSchema, req.body);
    res.status(201).json(await applications.create(caller, body));
  });

  router.get('/applications/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await access.authorize(credentials, apimApiReadPermission);
    res.json(toApplicationView(await applications.get(idParam(req))));
  });

  router.patch('/applications/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = await access.authorize(credentials, apimApplicationManagePermission);
    const id = idParam(req);
    const body = parse(updateApplicationSchema, req.body);
    res.json(await applications.update(caller, id, body));
  });

  router.delete('/applications/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = await access.authorize(credentials, apimApplicationManagePermission);
    await applications.delete(caller, idParam(req));
    res.status(204).end();
  });

  return router;
}
