import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { apimApiReadPermission, listApisQuerySchema } from '@portico/plugin-apim-common';
import type { AccessService } from '../service/access/AccessService';
import type { ApiService } from '../service/apis/ApiService';
import { parse } from './http';

const SEGMENT = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/;

export function apisRouter(options: { httpAuth: HttpAuthService; access: AccessService; apis: ApiService }) {
  const { httpAuth, access, apis } = options;
  const router = Router();

  router.get('/apis', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await access.authorize(credentials, apimApiReadPermission);
    const query = parse(listApisQuerySchema, req.query);
    res.json(await apis.list(credentials, query));
  });

  router.get('/apis/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await access.authorize(credentials, apimApiReadPermission);
    const { namespace, name } = req.params;
    if (!SEGMENT.test(namespace)) throw new InputError('namespace: not an entity namespace');
    if (!SEGMENT.test(name)) throw new InputError('name: not an entity name');
    res.json(await apis.get(credentials, `api:${namespace}/${name}`));
  });

  return router;
}
