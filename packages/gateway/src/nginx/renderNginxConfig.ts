import { gatewayRate as nginxRate, gatewayRateZone as rateZone } from '@portico/plugin-apim-common';
import type { GatewayRoute, RateLimit } from '../routes';

export interface NginxGatewayOptions {
  /** Port (or address:port) the gateway listens on. */
  listen: string | number;
  /** Portico's backend base URL as nginx reaches it, e.g. `http://portico:7007`. */
  porticoUrl: string;
  /**
   * How long nginx keeps a verification answer. A revoked key stops working at most this long
   * after it was revoked; 0 verifies every request.
   */
  authCacheSeconds: number;
  /** File with `proxy_set_header Authorization "Bearer <gateway token>";`, kept out of this file. */
  authHeaderInclude: string;
  /** Folder nginx may write its verification cache to. */
  cachePath: string;
  /** The JSON access log Portico reads usage from (`portico-gateway ship-usage`). */
  accessLogPath: string;
  /**
   * DNS server(s) nginx asks at request time for upstream host names. Without it nginx resolves
   * every upstream once at start-up and refuses to start when one does not resolve.
   */
  resolver?: string;
}

/** nginx variable of a request header: `X-API-Key` → `$http_x_api_key`. */
function headerVariable(name: string): string {
  return `$http_${name.toLowerCase().replace(/-/g, '_')}`;
}

/** A string nginx reads as one quoted token. */
function quote(value: string): string {
  if (/["\\\n\r$;{}]/.test(value)) {
    throw new Error(`'${value}' cannot be written into an nginx config`);
  }
  return `"${value}"`;
}

function upstreamOf(server: string): { origin: string; path: string } {
  const url = new URL(server);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${server}: only http and https upstreams are supported`);
  }
  return {
    origin: `${url.protocol}//${url.host}`,
    path: url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`,
  };
}

function isIp(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where an API's traffic enters the gateway: `/<environment>/<api name>/`. */
export function routePrefix(route: GatewayRoute): string {
  return `/${route.environment}/${route.slug}/`;
}

function distinctRates(routes: GatewayRoute[]): RateLimit[] {
  const byZone = new Map<string, RateLimit>();
  for (const route of routes) {
    for (const plan of route.plans) {
      if (plan.rateLimit) byZone.set(rateZone(plan.rateLimit), plan.rateLimit);
    }
  }
  return [...byZone.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, rate]) => rate);
}

/**
 * Two locations per route, because of nginx's phases: `limit_req` runs before `auth_request`,
 * so it cannot key on what the verification answered. The public location verifies (access
 * phase) and then hands over with `try_files` (a later phase) to a named location that applies
 * the plan's rate and proxies; variables set by the verification travel with the request.
 */
function location(route: GatewayRoute, resolveAtRequestTime: boolean): string {
  const zones = [
    ...new Set(route.plans.flatMap(plan => (plan.rateLimit ? [rateZone(plan.rateLimit)] : []))),
  ].sort();
  const keyVariable =
    route.apiKey.in === 'header' ? headerVariable(route.apiKey.name) : `$arg_${route.apiKey.name}`;
  const prefix = routePrefix(route);
  const upstream = upstreamOf(route.upstream);
  const named = `@portico_${route.environment}_${route.slug.replace(/[^A-Za-z0-9]/g, '_')}`;
  const lines = [
    `    # ${route.apiRef} (${route.environment})`,
    `    location ${prefix} {`,
    `      set $portico_api ${quote(route.apiRef)};`,
    `      set $portico_environment ${quote(route.environment)};`,
    `      set $portico_key ${keyVariable};`,
    '      auth_request /_portico/verify;',
    '      auth_request_set $portico_application $upstream_http_x_portico_application;',
    '      auth_request_set $portico_plan $upstream_http_x_portico_plan;',
    '      auth_request_set $portico_rate $upstream_http_x_portico_rate;',
    '      auth_request_set $portico_reason $upstream_http_x_portico_reason;',
    '      auth_request_set $portico_retry_after $upstream_http_x_portico_retry_after;',
    `      try_files /.portico-gateway-no-such-file ${named};`,
    '    }',
    `    location ${named} {`,
    ...zones.map(zone => `      limit_req zone=${zone} nodelay;`),
    // The application's key stays at the gateway; the upstream learns who called instead.
    ...(route.apiKey.in === 'header' ? [`      proxy_set_header ${route.apiKey.name} "";`] : []),
    '      proxy_set_header X-Portico-Application $portico_application;',
    '      proxy_set_header X-Portico-Plan $portico_plan;',
    '      proxy_ssl_server_name on;',
    `      rewrite ^${escapeRegex(prefix)}(.*)$ ${upstream.path}$1 break;`,
    // A host name in a variable is resolved per request (with `resolver`), so an upstream that
    // is down or unknown does not keep the gateway from starting; an IP address needs neither.
    ...(resolveAtRequestTime && !isIp(new URL(route.upstream).hostname)
      ? [`      set $portico_upstream ${quote(upstream.origin)};`, '      proxy_pass $portico_upstream;']
      : [`      proxy_pass ${upstream.origin};`]),
    '    }',
  ];
  return lines.join('\n');
}

/**
 * An nginx configuration (the `http { … }` body and a server) that puts every API and
 * environment of `routes` behind Portico's key verification:
 * - `auth_request` asks Portico's `/api/apim/gateway/authorize` with the key from the header or
 *   query parameter the API's security scheme names; the answer is cached `authCacheSeconds`.
 * - The plan's rate limit is a `limit_req` zone per distinct rate, keyed by the application, and
 *   counts only requests whose plan has that rate (an empty key is not counted).
 * - Quotas are Portico's: a key past its plan's quota gets 403 with reason `quota` from Portico,
 *   which the gateway answers as 429 with `Retry-After`.
 * - Each request is a JSON line in `accessLogPath`, which `portico-gateway ship-usage` sends to
 *   Portico for the usage charts and quota counters.
 */
export function renderNginxConfig(routes: GatewayRoute[], options: NginxGatewayOptions): string {
  const rates = distinctRates(routes);
  const portico = options.porticoUrl.replace(/\/+$/, '');
  const cache = options.authCacheSeconds > 0;
  const parts: string[] = [
    '# Generated by `portico-gateway nginx`. Do not edit: generate it again when APIs change.',
    `proxy_cache_path ${options.cachePath} levels=1:2 keys_zone=portico_auth:10m max_size=64m inactive=10m use_temp_path=off;`,
    '',
    'log_format portico_json escape=json',
    `  '{"time":"$time_iso8601","application":"$portico_application","api":"$portico_api",'`,
    `  '"environment":"$portico_environment","plan":"$portico_plan","status":$status,'`,
    `  '"requestTime":$request_time,"upstreamTime":"$upstream_response_time"}';`,
    '',
    ...rates.flatMap(rate => {
      const zone = rateZone(rate);
      return [
        `# Applications on a plan of ${nginxRate(rate)}: the key is empty (not counted) for the others.`,
        `map $portico_rate $${zone}_key {`,
        `  ${quote(zone)} $portico_application;`,
        '  default "";',
        '}',
        `limit_req_zone $${zone}_key zone=${zone}:10m rate=${nginxRate(rate)};`,
      ];
    }),
    '',
    'server {',
    `    listen ${options.listen};`,
    `    access_log ${options.accessLogPath} portico_json;`,
    ...(options.resolver ? [`    resolver ${options.resolver} valid=30s;`] : []),
    '    limit_req_status 429;',
    '',
    '    location = /_portico/verify {',
    '      internal;',
    '      proxy_pass_request_body off;',
    '      proxy_set_header Content-Length "";',
    '      proxy_set_header X-Portico-Api $portico_api;',
    '      proxy_set_header X-Portico-Environment $portico_environment;',
    '      proxy_set_header X-Portico-Key $portico_key;',
    `      include ${options.authHeaderInclude};`,
    ...(cache
      ? [
          '      proxy_cache portico_auth;',
          '      proxy_cache_key "$portico_api|$portico_environment|$portico_key";',
          `      proxy_cache_valid 200 204 401 403 ${options.authCacheSeconds}s;`,
          '      proxy_ignore_headers Cache-Control Expires Set-Cookie;',
        ]
      : []),
    `      proxy_pass ${portico}/api/apim/gateway/authorize;`,
    '    }',
    '',
    '    error_page 401 = @portico_unauthorized;',
    '    error_page 403 = @portico_forbidden;',
    '    location @portico_unauthorized {',
    '      default_type application/json;',
    `      return 401 '{"error":"missing or invalid API key"}';`,
    '    }',
    '    location @portico_forbidden {',
    '      default_type application/json;',
    '      if ($portico_reason = "quota") {',
    '        add_header Retry-After $portico_retry_after always;',
    `        return 429 '{"error":"quota exhausted for this plan"}';`,
    '      }',
    `      return 403 '{"error":"this key is not subscribed to this API in this environment"}';`,
    '    }',
    '',
    ...routes.map(route => location(route, Boolean(options.resolver))),
    '',
    '    location / {',
    // Set here and in the API locations only: a `set` at server level would run again for the
    // verification subrequest, which shares the request's variables, and empty them.
    '      set $portico_api "";',
    '      set $portico_environment "";',
    '      set $portico_key "";',
    '      set $portico_application "";',
    '      set $portico_plan "";',
    '      default_type application/json;',
    `      return 404 '{"error":"no API here"}';`,
    '    }',
    '}',
    '',
  ];
  return parts.join('\n');
}
