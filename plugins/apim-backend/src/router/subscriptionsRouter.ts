import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  apimApiReadPermission,
  apimApplicationManagePermission,
  apimSubscriptionCreatePermission,
  apimSubscriptionDecidePermission,
  createSubscriptionSchema,
  decisionSchema,
  listSubscriptionsQuerySchema,
  rejectionSchema,
} from '@portico/plugin-apim-common';
import type { AccessService } from '../service/access/AccessService';
import {
  SUBSCRIPTION_ACTION_NAMES,
  SubscriptionAction,
} from '../service/subscriptions/stateMachine';
import type { SubscriptionService } from '../service/subscriptions/SubscriptionService';
import { idParam, parse } from './http';

/** Deciding on a request, suspending and resuming are the API owners'; revoking is also the application owners'. */
const PERMISSIONS: Record<SubscriptionAction, (typeof apimSubscriptionDecidePermission)[]> = {
  approve: [apimSubscriptionDecidePermission],
  reject: [apimSubscriptionDecidePermission],
  suspend: [apimSubscriptionDecidePermission],
  resume: [apimSubscriptionDecidePermission],
  revoke: [apimSubscriptionDecidePermission, apimApplicationManagePermission],
};

export function subscriptionsRouter(options: {
  httpAuth: HttpAuthService;
  access: AccessService;
  subscriptions: SubscriptionService;
}) {
  const { httpAuth, access, subscriptions } = options;
  const router = Router();

  router.get('/subscriptions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = await access.authorize(credentials, apimApiReadPermission);
    const query = parse(listSubscriptionsQuerySchema, req.query);
    res.json(await subscriptions.list(caller, query));
  });

  router.post('/subscriptions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = await access.authorize(credentials, apimSubscriptionCreatePermission);
    const body = parse(createSubscriptionSchema, req.body);
    res.status(201).json(await subscriptions.create(caller, body));
  });

  router.get('/subscriptions/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = await access.authorize(credentials, apimApiReadPermission);
    res.json(await subscriptions.get(caller, idParam(req)));
  });

  for (const action of SUBSCRIPTION_ACTION_NAMES) {
    router.post(`/subscriptions/:id/${action}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const caller = await access.authorize(credentials, ...PERMISSIONS[action]);
      const id = idParam(req);
      const { comment } = parse(action === 'reject' ? rejectionSchema : decisionSchema, req.body);
      res.json(await subscriptions.act(caller, id, action, comment));
    });
  }

  return router;
}
