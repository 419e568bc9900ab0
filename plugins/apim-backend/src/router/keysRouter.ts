import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { NamedServiceCallers } from '@portico/portico-node';
import {
  apimApplicationManagePermission,
  createKeySchema,
  rotateKeySchema,
  verifyKeySchema,
} from '@portico/plugin-apim-common';
import type { AccessService } from '../service/access/AccessService';
import type { KeyService } from '../service/keys/KeyService';
import { idParam, parse } from './http';

export function keysRouter(options: {
  httpAuth: HttpAuthService;
  access: AccessService;
  keys: KeyService;
  /** The gateways allowed to verify keys (`apim.verify.allowedSubjects`). */
  verifyCallers: NamedServiceCallers;
}) {
  const { httpAuth, access, keys, verifyCallers } = options;
  const router = Router();

  router.get('/applications/:id/keys', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = await access.authorize(credentials, apimApplicationManagePermission);
    res.json(await keys.list(caller, idParam(req)));
  });

  router.post('/applications/:id/keys', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = await access.authorize(credentials, apimApplicationManagePermission);
    const id = idParam(req);
    const body = parse(createKeySchema, req.body);
    // The secret is in this response only: never cached by anything on the way.
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(await keys.create(caller, id, body));
  });

  // Gateways: the services named in apim.verify.allowedSubjects only (users and other services
  // get 403, audited). A service token proves "some backend", not "the gateway"; and a service
  // is never an admin: it gets the verification answer and nothing else.
  router.post('/keys/verify', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service', 'user'] });
    await verifyCallers.require(credentials, { endpoint: 'POST /keys/verify', request: req });
    const body = parse(verifyKeySchema, req.body);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await keys.verify(body));
  });

  router.post('/keys/:id/rotate', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = await access.authorize(credentials, apimApplicationManagePermission);
    const id = idParam(req);
    const body = parse(rotateKeySchema, req.body);
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(await keys.rotate(caller, id, body));
  });

  router.post('/keys/:id/revoke', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = await access.authorize(credentials, apimApplicationManagePermission);
    res.json(await keys.revoke(caller, idParam(req)));
  });

  return router;
}
