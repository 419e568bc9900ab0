import { createHash, timingSafeEqual } from 'crypto';
import express from 'express';
import Router from 'express-promise-router';
import type {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  parseRequestInput as parse,
  uuidParam as idParam,
} from '@portico/portico-node';
import {
  bulkTriageSchema,
  falcoEventSchema,
  listFindingsQuerySchema,
  listRuntimeEventsQuerySchema,
  riskDecisionSchema,
  riskRejectionSchema,
  riskRequestSchema,
  sarifLogSchema,
  sarifQuerySchema,
  securityReportIngestPermission,
  statsQuerySchema,
  trendQuerySchema,
  triageSchema,
  trivyReportSchema,
  weeklyReportQuerySchema,
} from '@portico/plugin-security-common';
import { z } from 'zod';
import type { SecuritySettings } from './config';
import type { SecurityAccess } from './service/access';
import type { FalcoService } from './service/FalcoService';
import type { GateService } from './service/GateService';
import { IngestService, payloadHash } from './service/IngestService';
import { normalizeSarif, normalizeTrivy } from './service/normalize';
import type { QueryService } from './service/QueryService';
import type { RiskDecisionService } from './service/RiskDecisionService';
import type { TriageService } from './service/TriageService';
import type { VulnerabilityTicketService } from './service/VulnerabilityTicketService';
import type { BulkTriageService } from './service/BulkTriageService';
import { weeklyReportCsv, type ReportService } from './service/ReportService';

/** The only service caller of the promotion gate. */
export const GATE_CALLER = 'plugin:promotions';

const gateQuerySchema = z
  .object({
    componentRef: z.string().trim().min(1).max(255),
    version: z.string().trim().min(1).max(512),
  })
  .strict();

/** Compares secrets in constant time whatever their lengths (digests of equal size). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function isService(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<{ type: 'service'; subject: string }> {
  return (credentials.principal as { type: string }).type === 'service';
}

/**
 * The security REST API (see @portico/plugin-security-common). Thin: it authenticates, parses
 * and maps; the services decide the rules.
 */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  access: SecurityAccess;
  settings: SecuritySettings;
  ingest: IngestService;
  falco: FalcoService;
  queries: QueryService;
  triage: TriageService;
  risks: RiskDecisionService;
  gate: GateService;
  bulk: BulkTriageService;
  reports: ReportService;
  tickets: VulnerabilityTicketService;
}): express.Router {
  const {
    httpAuth,
    access,
    settings,
    ingest,
    falco,
    queries,
    triage,
    risks,
    gate,
    bulk,
    reports,
    tickets,
  } = options;
  const router = Router();
  const smallBody = express.json({ limit: '64kb' });
  const reportBody = express.json({ limit: settings.ingest.maxBodyBytes });

  const caller = async (req: express.Request) =>
    access.caller(await httpAuth.credentials(req, { allow: ['user'] }));

  /** CI and other named services, or a user with the ingest permission (the UI's upload). */
  const ingestActor = async (req: express.Request): Promise<string> => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (isService(credentials)) {
      const subject = credentials.principal.subject;
      if (!settings.ingest.allowedSubjects.includes(subject)) {
        throw new NotAllowedError(
          `The service ${subject} is not in security.ingest.allowedSubjects`,
        );
      }
      return subject;
    }
    const user = await access.caller(
      credentials as BackstageCredentials<{
        type: 'user';
        userEntityRef: string;
      }>,
    );
    return user.require(securityReportIngestPermission).userRef;
  };

  router.post('/reports/trivy', reportBody, async (req, res) => {
    const actor = await ingestActor(req);
    const report = parse(trivyReportSchema, req.body);
    const summary = await ingest.ingest(
      actor,
      normalizeTrivy(report),
      payloadHash('trivy', req.body),
    );
    res.status(summary.duplicate ? 200 : 201).json(summary);
  });

  router.post('/reports/sarif', reportBody, async (req, res) => {
    const actor = await ingestActor(req);
    const { artifact } = parse(sarifQuerySchema, req.query);
    const log = parse(sarifLogSchema, req.body);
    const summary = await ingest.ingest(
      actor,
      normalizeSarif(log, artifact),
      payloadHash('sarif', req.body, artifact),
    );
    res.status(summary.duplicate ? 200 : 201).json(summary);
  });

  // Falcosidekick's webhook sends a static bearer token (security.falco.token); named services
  // may post with their own credentials. Off when neither is configured.
  router.post('/falco', smallBody, async (req, res) => {
    const { token, allowedSubjects } = settings.falco;
    if (!token && !allowedSubjects.length) {
      throw new NotFoundError(
        'The Falco endpoint is off: security.falco.token is not set',
      );
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(
      req.header('authorization') ?? '',
    )?.[1];
    let actor: string;
    if (token && bearer && sameSecret(bearer, token)) {
      actor = 'external:falcosidekick';
    } else if (allowedSubjects.length && bearer) {
      const credentials = await httpAuth.credentials(req, {
        allow: ['service'],
      });
      if (!allowedSubjects.includes(credentials.principal.subject)) {
        throw new NotAllowedError(
          `The service ${credentials.principal.subject} is not in security.falco.allowedSubjects`,
        );
      }
      actor = credentials.principal.subject;
    } else {
      throw new AuthenticationError(
        'The Falco endpoint needs the bearer token of security.falco.token',
      );
    }
    const event = parse(falcoEventSchema, req.body);
    const result = await falco.ingest(actor, event);
    res.status(result.duplicate ? 200 : 201).json(result);
  });

  router.get('/findings', async (req, res) => {
    const user = await caller(req);
    res.json(
      await queries.list(user, parse(listFindingsQuerySchema, req.query)),
    );
  });

  router.get('/findings/:id', async (req, res) => {
    const user = await caller(req);
    res.json(await queries.details(user, idParam(req)));
  });

  router.post('/findings/:id/triage', smallBody, async (req, res) => {
    const user = await caller(req);
    const id = idParam(req);
    res.json(await triage.triage(user, id, parse(triageSchema, req.body)));
  });

  // One service-desk ticket per (component, vulnerability id): files it, or links this finding to it.
  router.post('/findings/:id/ticket', async (req, res) => {
    const user = await caller(req);
    const result = await tickets.file(user, idParam(req));
    res.status(result.filed ? 201 : 200).json(result);
  });

  // Many findings at once, all or nothing (ids ≤ 100).
  router.post('/findings/bulk-triage', smallBody, async (req, res) => {
    const user = await caller(req);
    res.json(await bulk.apply(user, parse(bulkTriageSchema, req.body)));
  });

  router.post('/findings/:id/risk-requests', smallBody, async (req, res) => {
    const user = await caller(req);
    const id = idParam(req);
    res
      .status(201)
      .json(
        await triage.requestRisk(user, id, parse(riskRequestSchema, req.body)),
      );
  });

  router.post('/risk-requests/:id/approve', smallBody, async (req, res) => {
    const user = await caller(req);
    const id = idParam(req);
    const { comment } = parse(riskDecisionSchema, req.body);
    res.json(await risks.decide(user, id, 'approve', comment));
  });

  router.post('/risk-requests/:id/reject', smallBody, async (req, res) => {
    const user = await caller(req);
    const id = idParam(req);
    const { comment } = parse(riskRejectionSchema, req.body);
    res.json(await risks.decide(user, id, 'reject', comment));
  });

  router.get('/stats', async (req, res) => {
    const user = await caller(req);
    res.json(await queries.stats(user, parse(statsQuerySchema, req.query)));
  });

  router.get('/trend', async (req, res) => {
    const user = await caller(req);
    res.json(await reports.trend(user, parse(trendQuerySchema, req.query)));
  });

  router.get('/reports/weekly', async (req, res) => {
    const user = await caller(req);
    const { week } = parse(weeklyReportQuerySchema, req.query);
    res.json(await reports.weekly(user, week));
  });

  router.get('/reports/weekly.csv', async (req, res) => {
    const user = await caller(req);
    const { week } = parse(weeklyReportQuerySchema, req.query);
    const report = await reports.weekly(user, week);
    res
      .type('text/csv')
      .attachment(`security-weekly-${report.week}.csv`)
      .send(weeklyReportCsv(report));
  });

  router.get('/runtime-events', async (req, res) => {
    const user = await caller(req);
    res.json(
      await queries.runtimeEvents(
        user,
        parse(listRuntimeEventsQuerySchema, req.query),
      ),
    );
  });

  // The promotions backend's evidence gate asks with its own service credentials.
  router.get('/gate', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    if (credentials.principal.subject !== GATE_CALLER) {
      throw new NotAllowedError(`Only ${GATE_CALLER} asks the promotion gate`);
    }
    const { componentRef, version } = parse(gateQuerySchema, req.query);
    res.json(await gate.evaluate(componentRef, version));
  });

  return router;
}
