import express from 'express';
import { jsonBody } from '@portico/portico-node';
import Router from 'express-promise-router';
import type { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  assignRequestSchema,
  automationVerificationSchema,
  changeStatusSchema,
  commentSchema,
  createRequestSchema,
  describeZodError,
  listRequestsQuerySchema,
  servicedeskReportReadPermission,
  servicedeskRequestReadPermission,
  servicedeskRequestWorkPermission,
  TeamView,
} from '@portico/plugin-servicedesk-common';
import type { JsonObject } from '@backstage/types';
import type { NamedServiceCallers } from '@portico/portico-node';
import type { z } from 'zod';
import type { AccessService, Caller } from './service/AccessService';
import type { AutomationVerifier } from './service/AutomationVerifier';
import type { OneTimeSecretService } from './service/OneTimeSecretService';
import type { ReportService } from './service/ReportService';
import type { RequestServices } from './service/requests/RequestServices';
import type { ServiceCatalogService } from './service/ServiceCatalogService';
import type { TeamDirectory } from './service/TeamDirectory';

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new InputError(describeZodError(result.error));
  return result.data;
}

/**
 * The service desk's REST API (see @portico/plugin-servicedesk-common for the routes). Thin:
 * who calls, what they sent, then the services decide. Every change is audited.
 */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  access: AccessService;
  catalogService: ServiceCatalogService;
  requests: RequestServices;
  reports: ReportService;
  directory: TeamDirectory;
  /** The services that may file requests on behalf of someone (`servicedesk.intake.allowedSubjects`). */
  intake: NamedServiceCallers;
  verifier: AutomationVerifier;
  secrets: OneTimeSecretService;
}): express.Router {
  const { httpAuth, auditor, access, catalogService, requests, reports, directory, intake, verifier, secrets } = options;
  const router = Router();
  router.use(jsonBody({ limit: '64kb' }));

  const user = async (req: express.Request, ...permissions: Parameters<AccessService['authorize']>[1][]) =>
    access.authorize(await httpAuth.credentials(req, { allow: ['user'] }), ...permissions);

  /** Runs a change inside an audit event (success or failure, with who and what). */
  async function audited<T>(
    req: express.Request,
    eventId: string,
    meta: JsonObject,
    change: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({ eventId, request: req, severityLevel: 'medium', meta });
    try {
      const result = await change();
      await event.success({ meta });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error, meta });
      throw error;
    }
  }

  router.get('/services', async (req, res) => {
    const caller = await user(req, servicedeskRequestReadPermission);
    res.json({ items: await catalogService.list(caller, req.query.includeInactive === 'true') });
  });

  router.get('/services/:slug', async (req, res) => {
    await user(req, servicedeskRequestReadPermission);
    res.json(await catalogService.get(req.params.slug));
  });

  router.put('/services/:slug', async (req, res) => {
    const caller = await user(req);
    const result = await audited(req, 'servicedesk-service', { action: 'put', slug: req.params.slug, actor: caller.ref }, () =>
      catalogService.put(caller, req.params.slug, req.body),
    );
    res.status(result.created ? 201 : 200).json(result.service);
  });

  // Users of the portal, and service callers (the seed's form trigger) with the seed's body.
  router.post('/requests', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    if (credentials.principal.type === 'service') {
      await intake.require(credentials, { endpoint: 'POST /api/servicedesk/requests', request: req });
    }
    const caller = await access.authorize(credentials);
    const body = parse(createRequestSchema, req.body);
    const created = await audited(req, 'servicedesk-request', { action: 'create', service: body.service, actor: caller.ref }, () =>
      requests.intake.create(caller, body),
    );
    res.status(201).json(created);
  });

  // The first step of an auto-fulfilment template, run by the scaffolder for a task the service
  // desk started: is this task the ticket's automation?
  router.post('/requests/:ticketId/automation/verify', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const claim = parse(automationVerificationSchema, req.body);
    res.json(await verifier.verify(credentials, req.params.ticketId, claim, req));
  });

  router.get('/requests', async (req, res) => {
    const caller = await user(req, servicedeskRequestReadPermission);
    res.json(await requests.queries.list(caller, parse(listRequestsQuerySchema, req.query)));
  });

  router.get('/requests/:ticketId', async (req, res) => {
    const caller = await user(req, servicedeskRequestReadPermission);
    res.json(await requests.queries.get(caller, req.params.ticketId));
  });

  // One-time secrets: left by the scaffolder (service credentials), revealed once by the requester.
  router.post('/requests/:ticketId/secret', async (req, res) => {
    const caller = await access.authorize(await httpAuth.credentials(req, { allow: ['service'] }));
    const { ticketId } = req.params;
    await audited(req, 'servicedesk-secret', { action: 'store', ticketId }, () => secrets.store(caller, ticketId, req.body));
    res.status(204).end();
  });

  router.get('/requests/:ticketId/secret', async (req, res) => {
    const caller = await user(req, servicedeskRequestReadPermission);
    res.json(await secrets.status(caller, req.params.ticketId));
  });

  router.post('/requests/:ticketId/secret/reveal', async (req, res) => {
    const caller = await user(req, servicedeskRequestReadPermission);
    const { ticketId } = req.params;
    const revealed = await audited(req, 'servicedesk-secret', { action: 'reveal', ticketId }, () => secrets.reveal(caller, ticketId));
    res.setHeader('Cache-Control', 'no-store');
    res.json(revealed);
  });

  router.post('/requests/:ticketId/claim', async (req, res) => {
    const caller = await user(req, servicedeskRequestWorkPermission);
    const { ticketId } = req.params;
    res.json(await audited(req, 'servicedesk-request', { action: 'claim', ticketId, actor: caller.ref }, () => requests.assignment.claim(caller, ticketId)));
  });

  router.post('/requests/:ticketId/assign', async (req, res) => {
    const caller = await user(req, servicedeskRequestWorkPermission);
    const { assignee } = parse(assignRequestSchema, req.body);
    const { ticketId } = req.params;
    res.json(
      await audited(req, 'servicedesk-request', { action: 'assign', ticketId, assignee, actor: caller.ref }, () =>
        requests.assignment.assign(caller, ticketId, assignee),
      ),
    );
  });

  // Users, and the intake's services on the tickets they filed (the security plugin adds the
  // isolation playbook's result to its incident ticket); the request services check the ticket.
  router.post('/requests/:ticketId/comments', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    if (credentials.principal.type === 'service') {
      await intake.require(credentials, { endpoint: 'POST /api/servicedesk/requests/:ticketId/comments', request: req });
    }
    const caller =
      credentials.principal.type === 'service'
        ? await access.authorize(credentials)
        : await access.authorize(credentials, servicedeskRequestReadPermission);
    const body = parse(commentSchema, req.body);
    const { ticketId } = req.params;
    const updated = await audited(
      req,
      'servicedesk-request',
      { action: 'comment', ticketId, visibility: body.visibility, actor: caller.ref },
      () => requests.status.comment(caller, ticketId, body),
    );
    res.status(201).json(updated);
  });

  router.post('/requests/:ticketId/status', async (req, res) => {
    const caller = await user(req, servicedeskRequestReadPermission);
    const body = parse(changeStatusSchema, req.body);
    const { ticketId } = req.params;
    res.json(
      await audited(req, 'servicedesk-request', { action: 'status', ticketId, status: body.status, actor: caller.ref }, () =>
        requests.status.changeStatus(caller, ticketId, body.status, body.note),
      ),
    );
  });

  /** The teams the caller works for (portal admins: every team of the catalog's services), with members. */
  router.get('/teams', async (req, res) => {
    const caller = await user(req, servicedeskRequestWorkPermission);
    const refs = [...new Set((await catalogService.list(caller, true)).map(s => s.team))].filter(team => caller.worksFor(team));
    const teams = (await Promise.all(refs.map(ref => directory.team(ref)))).filter((t): t is TeamView => !!t);
    res.json({ items: teams });
  });

  router.get('/reports/sla', async (req, res) => {
    const caller: Caller = await user(req);
    if (!caller.has(servicedeskReportReadPermission) && !caller.has(servicedeskRequestWorkPermission)) {
      throw new NotAllowedError('You need the servicedesk.report.read permission');
    }
    res.json(await reports.compliance());
  });

  return router;
}
