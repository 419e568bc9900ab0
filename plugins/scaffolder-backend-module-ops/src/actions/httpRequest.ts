import type { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  describeDryRun,
  HostResolver,
  IntegrationHttpClient,
  OutboundAddressPolicy,
  outboundFetch,
  readRetryPolicy,
  Redactor,
  requireIntegrationConfig,
  runStep,
} from '@portico/portico-node';

export const HTTP_REQUEST_ACTION_ID = 'http:request';
const KEY = 'portico.integrations.http.targets';
/** Private hosts/CIDRs and ports a target may resolve to (loopback and link-local never). */
export const HTTP_PRIVATE_TARGETS_KEY = 'portico.integrations.http.privateTargets';

interface Target {
  client: IntegrationHttpClient;
  methods: string[];
  pathPrefixes?: string[];
}

function target(config: Config, name: string, outbound: OutboundAddressPolicy): Target {
  const section = requireIntegrationConfig(config, { system: `HTTP target '${name}'`, key: `${KEY}.${name}`, required: ['baseUrl'] });
  const baseUrl = section.getString('baseUrl');
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${KEY}.${name}.baseUrl: http or https only`);
  const headersConfig = section.getOptionalConfig('headers');
  const headers: Record<string, string> = {};
  for (const key of headersConfig?.keys() ?? []) headers[key] = headersConfig!.getString(key);
  const policy = readRetryPolicy(section);
  return {
    client: new IntegrationHttpClient({
      system: `HTTP target '${name}'`,
      baseUrl,
      headers: () => headers,
      policy,
      redactor: new Redactor(Object.values(headers)),
      // The operator names the host, but DNS decides where it lands: resolve, check every address, pin.
      fetch: outboundFetch(outbound, { timeoutMs: policy.timeoutMs }),
    }),
    methods: (section.getOptionalStringArray('methods') ?? ['GET', 'POST']).map(m => m.toUpperCase()),
    pathPrefixes: section.getOptionalStringArray('pathPrefixes'),
  };
}

/** A path the template may ask for: relative to the target, no traversal, no scheme, no other host. */
function checkPath(path: string, allowed: Target): string {
  if (!path.startsWith('/') || path.startsWith('//') || /(^|\/)\.\.?(\/|$)/.test(path) || /[\\\s#]/.test(path) || path.includes('%2e') || path.includes('%2E')) {
    throw new InputError('path: an absolute path under the target, without .., backslashes, spaces or fragments');
  }
  if (allowed.pathPrefixes && !allowed.pathPrefixes.some(prefix => path.startsWith(prefix))) {
    throw new NotAllowedError(`path: ${path} is outside the target's allowed prefixes`);
  }
  return path;
}

/**
 * An HTTP call to a system that has no action of its own (the VPN gateway...), restricted to what the operator
 * configured: the template names a target, never a URL or credentials; the host, the methods, the path prefixes and
 * the headers (the secrets) come from `portico.integrations.http.targets.<name>`. Every call goes through the
 * OutboundAddressPolicy: a target that resolves to a private address needs `portico.integrations.http.privateTargets`.
 */
export function createHttpRequestAction(options: { config: Config; resolver?: HostResolver }) {
  const outbound = OutboundAddressPolicy.fromConfig(options.config, HTTP_PRIVATE_TARGETS_KEY, { resolver: options.resolver });
  return createTemplateAction({
    id: HTTP_REQUEST_ACTION_ID,
    description: 'Calls a configured HTTP target (host, credentials and allowed paths from app-config, never from the template).',
    supportsDryRun: true,
    examples: [
      {
        description: 'Ask the VPN gateway for a profile',
        example: [
          'steps:',
          '  - id: vpn',
          '    action: http:request',
          '    input:',
          '      target: vpn',
          '      method: POST',
          '      path: /profiles',
          '      body:',
          '        user: alice@contoso.example',
          '        device: laptop-042',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        target: z => z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/).describe('Name of a target in portico.integrations.http.targets'),
        method: z => z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
        path: z => z.string().min(1).max(2000).describe('Path under the target, e.g. /profiles'),
        query: z => z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
        body: z => z.unknown().optional().describe('JSON body'),
      },
      output: {
        status: z => z.number(),
        body: z => z.unknown().describe('The JSON (or text) answer'),
      },
    },
    async handler(ctx) {
      const method = ctx.input.method ?? 'GET';
      if (ctx.isDryRun) {
        describeDryRun(ctx, `HTTP target '${ctx.input.target}'`, [`${method} ${ctx.input.path}`]);
        ctx.output('status', 0);
        ctx.output('body', null);
        return;
      }
      const resolved = target(options.config, ctx.input.target, outbound);
      if (!resolved.methods.includes(method)) {
        throw new NotAllowedError(`method: ${method} is not allowed for target '${ctx.input.target}' (${resolved.methods.join(', ')})`);
      }
      const path = checkPath(ctx.input.path, resolved);
      const call = async () => {
        const { status, body } = await resolved.client.request({
          method,
          path,
          query: ctx.input.query,
          body: ctx.input.body,
          signal: ctx.signal,
        });
        return { status, body: (body ?? null) as any };
      };
      // A read may be repeated; a change is done once per task.
      const result = method === 'GET' ? await call() : await runStep(ctx, `http.request.${ctx.input.target}.${method}.${path}`, call);
      ctx.logger.info(`${method} ${ctx.input.target}${ctx.input.path}: HTTP ${result.status}`);
      ctx.output('status', result.status);
      ctx.output('body', result.body);
    },
  });
}
