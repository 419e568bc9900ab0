import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import { listDemoUsers } from './service/demoUsers';

/** `GET /demo-users`: the people one can sign in as, for the sign-in page. */
export function createDemoUsersRouter(options: {
  catalog: CatalogService;
  auth: AuthService;
}): express.Router {
  const router = Router();
  router.get('/demo-users', async (_req, res) => {
    const users = await listDemoUsers(options.catalog, options.auth);
    res.json({ users });
  });
  return router;
}
