import { z } from 'zod';

export interface RateLimit {
  requests: number;
  per: 'second' | 'minute' | 'hour';
}

/** One API in one environment, as the gateway serves it. */
export interface GatewayRoute {
  /** `api:default/payments-api` */
  apiRef: string;
  /** The path segment the API is served under: its name, `<namespace>.<name>` outside default. */
  slug: string;
  environment: 'sandbox' | 'staging' | 'production';
  /** The definition's server for that environment. */
  upstream: string;
  /** Where the application's key is: the definition's API-key security scheme. */
  apiKey: { in: 'header' | 'query'; name: string };
  plans: Array<{ name: string; rateLimit?: RateLimit }>;
}

const apiSummarySchema = z.object({ ref: z.string(), name: z.string() });
const pageSchema = z.object({ items: z.array(apiSummarySchema), totalCount: z.number() });
const detailsSchema = z.object({
  ref: z.string(),
  name: z.string(),
  servers: z.array(
    z.object({ url: z.string(), environment: z.enum(['sandbox', 'staging', 'production']).optional() }),
  ),
  apiKey: z.object({ in: z.enum(['header', 'query']), name: z.string() }).optional(),
  plans: z.array(
    z.object({
      name: z.string(),
      environments: z.array(z.string()),
      rateLimit: z.object({ requests: z.number(), per: z.enum(['second', 'minute', 'hour']) }).optional(),
    }),
  ),
});

export type ApiDetailsForGateway = z.infer<typeof detailsSchema>;

function slugOf(ref: string): string {
  const [, namespace, name] = /^api:([^/]+)\/(.+)$/.exec(ref) ?? [];
  if (!name) throw new Error(`${ref} is not an API entity ref`);
  return namespace === 'default' ? name : `${namespace}.${name}`;
}

/** The routes of one API: one per environment its definition has a server for. */
export function routesOf(api: ApiDetailsForGateway): GatewayRoute[] {
  const routes: GatewayRoute[] = [];
  const seen = new Set<string>();
  for (const server of api.servers) {
    if (!server.environment || seen.has(server.environment)) continue;
    seen.add(server.environment);
    routes.push({
      apiRef: api.ref,
      slug: slugOf(api.ref),
      environment: server.environment,
      upstream: server.url,
      apiKey: api.apiKey ?? { in: 'header', name: 'X-API-Key' },
      plans: api.plans
        .filter(plan => plan.environments.includes(server.environment!))
        .map(plan => ({ name: plan.name, ...(plan.rateLimit ? { rateLimit: plan.rateLimit } : {}) })),
    });
  }
  return routes;
}

/**
 * Every API's routes, read from Portico's API portal (`GET /api/apim/apis`, paged, then each
 * API's details) with a token that may read them.
 */
export async function fetchGatewayRoutes(options: {
  porticoUrl: string;
  token: string;
  fetch?: typeof fetch;
}): Promise<GatewayRoute[]> {
  const doFetch = options.fetch ?? fetch;
  const base = `${options.porticoUrl.replace(/\/+$/, '')}/api/apim`;
  const get = async (path: string) => {
    const response = await doFetch(`${base}${path}`, {
      headers: { Authorization: `Bearer ${options.token}` },
    });
    if (!response.ok) {
      throw new Error(`GET ${base}${path} answered ${response.status}: ${await response.text()}`);
    }
    return response.json();
  };
  const refs: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = pageSchema.parse(await get(`/apis?limit=100&offset=${offset}`));
    refs.push(...page.items.map(item => item.ref));
    if (page.items.length === 0 || refs.length >= page.totalCount) break;
  }
  const routes: GatewayRoute[] = [];
  for (const ref of refs) {
    const [, namespace, name] = /^api:([^/]+)\/(.+)$/.exec(ref) ?? [];
    const details = detailsSchema.parse(
      await get(`/apis/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`),
    );
    routes.push(...routesOf(details));
  }
  return routes;
}
