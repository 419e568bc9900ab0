import express from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  parseRequestInput as parse,
  uuidParam as idParam,
} from '@portico/portico-node';
import { isolationRecordSchema } from '@portico/plugin-security-common';
import type { SecurityAccess } from './service/access';
import type { IsolationRecorder } from './service/IsolationRecorder';

/**
 * `POST /findings/:id/isolations`: the isolation playbook's report (the template's last step,
 * with the token of the security member who ran it). Apart from router.ts: one route, one rule.
 */
export function createIsolationRouter(options: {
  httpAuth: HttpAuthService;
  access: SecurityAccess;
  isolations: IsolationRecorder;
}): express.Router {
  const router = Router();
  router.post(
    '/findings/:id/isolations',
    express.json({ limit: '16kb' }),
    async (req, res) => {
      const user = await options.access.caller(
        await options.httpAuth.credentials(req, { allow: ['user'] }),
      );
      const id = idParam(req);
      const body = parse(isolationRecordSchema, req.body);
      res.status(201).json(await options.isolations.record(user, id, body));
    },
  );
  return router;
}
