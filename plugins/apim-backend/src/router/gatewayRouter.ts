import express from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { NamedServiceCallers } from '@portico/portico-node';
import {
  apimApiReadPermission,
  apimApplicationManagePermission,
  gatewayEnvironmentSchema,
  gatewayUsageBatchSchema,
  usageQuerySchema,
  UsageDay,
} from '@portico/plugin-apim-common';
import type { AccessService } from '../service/access/AccessService';
import type { ApiService } from '../service/apis/ApiService';
import type { ApplicationService } from '../service/applications/ApplicationService';
import type { GatewayService } from '../service/gateway/GatewayService';
import { idParam, parse } from './http';

function header(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value ?? '').trim();
}

const CSV_COLUMNS: Array<keyof UsageDay> = [
  'day',
  'applicationId',
  'apiRef',
  'environment',
  'requests',
  'status4xx',
  'status5xx',
  'rateLimited',
  'p95Ms',
];

const SEGMENT = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/;

/** One row per day; with `names`, the application's name after its id (the API owners' export). */
function toCsv(days: UsageDay[], names?: Map<string, string>): string {
  const cell = (value: unknown) => {
    const text = value === undefined ? '' : String(value);
    // A leading = + - @ would be a formula to a spreadsheet; application names are user input.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const columns: string[] = names
    ? [...CSV_COLUMNS.slice(0, 2), 'applicationName', ...CSV_COLUMNS.slice(2)]
    : CSV_COLUMNS;
  const value = (day: UsageDay, column: string) =>
    column === 'applicationName' ? names?.get(day.applicationId) : day[column as keyof UsageDay];
  const rows = [columns.join(','), ...days.map(day => columns.map(c => cell(value(day, c))).join(','))];
  return `${rows.join('\n')}\n`;
}

/**
 * The gateway's endpoints: `GET /gateway/authorize` for nginx's `auth_request` (the key and
 * the API in headers, the answer in status and headers: nginx reads nothing else), the usage
 * the gateway ships, and an application's usage for its owners.
 */
export function gatewayRouter(options: {
  httpAuth: HttpAuthService;
  access: AccessService;
  applications: ApplicationService;
  apis: ApiService;
  gateway: GatewayService;
  gateways: NamedServiceCallers;
}) {
  const { httpAuth, access, applications, apis, gateway, gateways } = options;
  const router = Router();
  // A batch is up to 10,000 log lines.
  router.use('/gateway/usage', express.json({ limit: '4mb' }));

  router.get('/gateway/authorize', async (req, res) => {
    await gateways.require(await httpAuth.credentials(req, { allow: ['service'] }), {
      endpoint: 'GET /gateway/authorize',
      request: req,
    });
    const environment = gatewayEnvironmentSchema.safeParse(header(req.headers['x-portico-environment']));
    const apiRef = header(req.headers['x-portico-api']);
    if (!environment.success) throw new InputError('X-Portico-Environment: must be sandbox, staging or production');
    if (!apiRef) throw new InputError('X-Portico-Api: the API entity ref is required');
    const decision = await gateway.authorize({
      apiRef,
      environment: environment.data,
      key: header(req.headers['x-portico-key']),
    });
    res.setHeader('Cache-Control', 'no-store');
    if (decision.status === 204) {
      res.setHeader('X-Portico-Application', decision.applicationId);
      res.setHeader('X-Portico-Plan', decision.plan);
      if (decision.rateZone) res.setHeader('X-Portico-Rate', decision.rateZone);
    } else if (decision.status === 403) {
      res.setHeader('X-Portico-Reason', decision.reason);
      if (decision.reason === 'quota') {
        res.setHeader('X-Portico-Retry-After', String(decision.retryAfterSeconds));
      }
    }
    res.status(decision.status).end();
  });

  router.post('/gateway/usage', async (req, res) => {
    await gateways.require(await httpAuth.credentials(req, { allow: ['service'] }), {
      endpoint: 'POST /gateway/usage',
      request: req,
    });
    const body = parse(gatewayUsageBatchSchema, req.body);
    res.json(await gateway.ingestUsage(body.batchId, body.lines));
  });

  router.get('/applications/:id/usage', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = await access.authorize(credentials, apimApplicationManagePermission);
    const application = await applications.getManageable(caller, idParam(req));
    const query = parse(usageQuerySchema, req.query);
    const days = await gateway.usage({ applicationId: application.id, days: query.days });
    if (query.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${application.name}-usage.csv"`);
      res.send(toCsv(days));
      return;
    }
    res.json({ days });
  });

  // Every subscribed application's usage of one API: for the API's owners (and admins) only.
  router.get('/apis/:namespace/:name/usage', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = await access.authorize(credentials, apimApiReadPermission);
    const { namespace, name } = req.params;
    if (!SEGMENT.test(namespace)) throw new InputError('namespace: not an entity namespace');
    if (!SEGMENT.test(name)) throw new InputError('name: not an entity name');
    const query = parse(usageQuerySchema, req.query);
    const apiRef = await apis.requireOwner(caller, `api:${namespace}/${name}`);
    const usage = await gateway.apiUsage(apiRef, query.days);
    if (query.format === 'csv') {
      const names = new Map(usage.applications.map(a => [a.id, a.name]));
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${name}-usage.csv"`);
      res.send(toCsv(usage.days, names));
      return;
    }
    res.json(usage);
  });

  return router;
}
