import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { apimApiReadPermission, listApisQuerySchema } from '@portico/plugin-apim-common';
import type { AccessService } from '../service/access/AccessService';
import type { ApiService } from '../service/apis/ApiService';
import { stringify as stringifyYaml } from 'yaml';
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

  // OpenAPI 3.0 for gateways that need it: the document as YAML, plus what changed and what was dropped.
  router.get('/apis/:namespace/:name/openapi-3.0', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await access.authorize(credentials, apimApiReadPermission);
    const { namespace, name } = req.params;
    if (!SEGMENT.test(namespace)) throw new InputError('namespace: not an entity namespace');
    if (!SEGMENT.test(name)) throw new InputError('name: not an entity name');
    const conversion = await apis.openapi30(credentials, `api:${namespace}/${name}`);
    res.json({
      filename: `${name}-openapi-3.0.yaml`,
      yaml: stringifyYaml(conversion.document),
      converted: conversion.converted,
      dropped: conversion.dropped,
    });
  });

  return router;
}
