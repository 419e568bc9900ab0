import express from 'express';
import Router from 'express-promise-router';
import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  apimTryItPermission,
  codeSamplesRequestSchema,
  describeZodError,
  tryItRequestSchema,
} from '@portico/plugin-apim-common';
import { jsonBody, OutboundAddressPolicy } from '@portico/portico-node';
import type { z } from 'zod';
import { CodeSamplesService } from '../service/codeSamples';
import {
  ApiDefinitions,
  ConsoleKeyProvider,
  readTryItSettings,
  TooManyTryItCallsError,
  TryItAccess,
  TryItRateLimiter,
  TryItService,
  TRY_IT_PRIVATE_TARGETS_KEY,
} from '../service/tryit';
import { DefinitionCache } from '../service/apis/DefinitionCache';

/**
 * `POST /try-it` and `POST /code-samples`: for signed-in users holding `apim.tryit.use`.
 * Which application, API and environment they may use is the service's business (TryItAccess).
 */
export function createTryItRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  config: RootConfigService;
  logger: LoggerService;
  consoleKeys: ConsoleKeyProvider;
  access: TryItAccess;
  /** The plugin's definition parse cache, shared with the API pages. */
  definitionCache?: DefinitionCache;
  /** Per-user call limit; by default from `apim.tryIt.callsPerMinute`. */
  rateLimiter?: TryItRateLimiter;
  /** Which addresses Try-It may call; by default from `apim.tryIt.privateTargets`. */
  outbound?: OutboundAddressPolicy;
}): express.Router {
  const { httpAuth, permissions, catalog, config, logger, consoleKeys, access } = options;
  const settings = readTryItSettings(config);
  const definitions = new ApiDefinitions(catalog, options.definitionCache);
  const outbound = options.outbound ?? OutboundAddressPolicy.fromConfig(config, TRY_IT_PRIVATE_TARGETS_KEY);
  const tryIt = new TryItService({ catalog, consoleKeys, access, settings, logger, definitions, outbound });
  const limiter = options.rateLimiter ?? new TryItRateLimiter(settings.callsPerMinute);
  const codeSamples = new CodeSamplesService({ catalog, definitions });

  // JSON-escaping can blow a body up to 6 times (\u0000); the service enforces the real limit.
  const json = jsonBody({ limit: Math.max(1_000_000, settings.maxRequestBodyBytes * 6 + 64 * 1024) });

  const authorize = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize([{ permission: apimTryItPermission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You need the ${apimTryItPermission.name} permission`);
    }
    return credentials;
  };

  const parse = <S extends z.ZodType>(schema: S, body: unknown): z.infer<S> => {
    const parsed = schema.safeParse(body ?? {});
    if (!parsed.success) throw new InputError(describeZodError(parsed.error));
    return parsed.data;
  };

  const router = Router();

  router.post('/try-it', json, async (req, res) => {
    const credentials = await authorize(req);
    const request = parse(tryItRequestSchema, req.body);
    try {
      // Only valid calls count: a typo in the form should not cost the user their budget.
      limiter.take(credentials.principal.userEntityRef);
    } catch (e) {
      if (e instanceof TooManyTryItCallsError) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      throw e;
    }
    res.json(await tryIt.call(request, { credentials }));
  });

  router.post('/code-samples', json, async (req, res) => {
    const credentials = await authorize(req);
    const request = parse(codeSamplesRequestSchema, req.body);
    res.json(await codeSamples.generate(request, { credentials }));
  });

  return router;
}
