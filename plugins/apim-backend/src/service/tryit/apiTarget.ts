import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ApiOperation, ApiServer, ApimEnvironment } from '@portico/plugin-apim-common';
import { ParsedDefinition, SecurityScheme } from '../apis/definition';
import { DefinitionCache } from '../apis/DefinitionCache';

/** A definition ready for Try-It: parsed once, with its path templates compiled. */
export interface CallableApi {
  /** Normalised entity ref, `api:default/payments-api`. */
  ref: string;
  definition: ParsedDefinition;
  operations: Array<ApiOperation & { pattern: RegExp }>;
}

/** What a Try-It request or a code sample is about, the same fields in both. */
export interface TargetRequest {
  apiRef: string;
  environment: ApimEnvironment;
  serverUrl: string;
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

export interface Target {
  server: ApiServer;
  operation: ApiOperation;
  /** Server URL + path + the caller's query, without the key. */
  url: URL;
  /** The caller's headers, checked and without hop-by-hop ones, plus a content type for a body. */
  headers: Record<string, string>;
  apiKey: SecurityScheme;
}

const CACHE_SIZE = 200;

function templatePattern(path: string): RegExp {
  const source = path
    .split(/(\{[^}/]+\})/)
    .map(part =>
      part.startsWith('{') && part.endsWith('}')
        ? '[^/]+'
        : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}/?$`);
}

/**
 * API entities from the catalog, read with the caller's credentials so that catalog
 * permissions apply. Parsing (swagger-parser validation) costs milliseconds, so the parsed
 * definition is kept per entity and reused while the entity's definition text is unchanged.
 */
export class ApiDefinitions {
  private readonly parsed = new Map<
    string,
    { type?: string; text?: string; api: Promise<CallableApi> }
  >();

  /**
   * `definitions` is the plugin's parse cache, shared with the API pages, so that a definition
   * is parsed (swagger-parser, the expensive part) once whichever route asks first.
   */
  constructor(
    private readonly catalog: CatalogService,
    private readonly definitions: DefinitionCache = new DefinitionCache(),
  ) {}

  static normaliseRef(apiRef: string): string {
    try {
      const ref = parseEntityRef(apiRef, { defaultKind: 'api', defaultNamespace: 'default' });
      if (ref.kind.toLocaleLowerCase('en-US') !== 'api') throw new Error('not an API');
      return stringifyEntityRef(ref);
    } catch {
      throw new InputError(`apiRef: '${apiRef}' is not an API entity ref such as api:default/name`);
    }
  }

  async load(apiRef: string, credentials: BackstageCredentials): Promise<CallableApi> {
    const ref = ApiDefinitions.normaliseRef(apiRef);
    const entity = await this.catalog.getEntityByRef(ref, { credentials });
    if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'api') {
      throw new NotFoundError(`No API ${ref} in the catalog`);
    }
    const type = typeof entity.spec?.type === 'string' ? entity.spec.type : undefined;
    const text = typeof entity.spec?.definition === 'string' ? entity.spec.definition : undefined;

    let cached = this.parsed.get(ref);
    if (!cached || cached.type !== type || cached.text !== text) {
      cached = {
        type,
        text,
        api: this.definitions.parse(type, text).then(definition => ({
          ref,
          definition,
          operations: definition.operations.map(op => ({ ...op, pattern: templatePattern(op.path) })),
        })),
      };
      this.parsed.delete(ref);
      this.parsed.set(ref, cached);
      if (this.parsed.size > CACHE_SIZE) {
        this.parsed.delete(this.parsed.keys().next().value!);
      }
    }
    const api = await cached.api;
    if (api.definition.error) {
      throw new InputError(`apiRef: the definition of ${ref} cannot be used: ${api.definition.error}`);
    }
    return api;
  }
}

// RFC 9110 token.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Control characters (tab aside) would split or corrupt the header on the wire. */
function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

/** Hop-by-hop and framing headers: the proxy sets its own, the caller's are dropped. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'expect',
  // The upstream is asked for an unencoded body so that it can be shown and measured.
  'accept-encoding',
]);

/** Headers that carry identity or routing; the caller may not set them. */
function refusalReason(lowerName: string, apiKey: SecurityScheme): string | undefined {
  if (lowerName === apiKey.name.toLowerCase() || lowerName === 'x-api-key') {
    return 'the API key is added by Portico on the server, never by the browser';
  }
  if (lowerName === 'authorization' || lowerName === 'cookie') {
    return 'credentials are not forwarded; the application key is the credential';
  }
  if (lowerName === 'host') return 'the host is the server the definition declares';
  if (
    lowerName.startsWith('proxy-') ||
    lowerName === 'forwarded' ||
    lowerName.startsWith('x-forwarded-') ||
    lowerName === 'x-real-ip'
  ) {
    return 'proxy and forwarding headers are set by proxies, not by callers';
  }
  return undefined;
}

function checkHeaders(
  headers: Record<string, string> | undefined,
  apiKey: SecurityScheme,
): Record<string, string> {
  const entries = Object.entries(headers ?? {});
  const connectionTokens = new Set<string>();
  for (const [name, value] of entries) {
    if (name.toLowerCase() === 'connection') {
      value.split(',').forEach(token => connectionTokens.add(token.trim().toLowerCase()));
    }
  }
  const checked: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, value] of entries) {
    if (!HEADER_NAME.test(name)) {
      throw new InputError(`headers.${name}: not a valid HTTP header name`);
    }
    const lower = name.toLowerCase();
    const reason = refusalReason(lower, apiKey);
    if (reason) {
      throw new InputError(`headers.${name}: this header may not be set from Try-It (${reason})`);
    }
    if (hasControlCharacters(value)) {
      throw new InputError(`headers.${name}: the value contains control characters`);
    }
    if (seen.has(lower)) {
      throw new InputError(`headers.${name}: given twice with different cases`);
    }
    seen.add(lower);
    if (!HOP_BY_HOP.has(lower) && !connectionTokens.has(lower)) {
      checked[name] = value;
    }
  }
  return checked;
}

const PATH_CHARS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;

function checkPath(path: string): void {
  if (!PATH_CHARS.test(path)) {
    throw new InputError(
      `path: '${path}' has characters that must be percent-encoded (or a query or fragment, which go in query)`,
    );
  }
  for (const segment of path.split('/')) {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // Not UTF-8 once decoded, so not a dot segment either; the upstream judges the rest.
    }
    if (decoded === '.' || decoded === '..') {
      throw new InputError(`path: '${path}' has a '${decoded}' segment`);
    }
  }
}

function findOperation(api: CallableApi, method: string, path: string): ApiOperation {
  const matching = api.operations.filter(op => op.pattern.test(path));
  if (matching.length === 0) {
    throw new InputError(`path: ${path} matches no path of the definition of ${api.ref}`);
  }
  const operation = matching.find(op => op.method === method);
  if (!operation) {
    const declared = [...new Set(matching.map(op => op.method))].join(', ');
    throw new InputError(
      `method: ${method} ${path} is not an operation of ${api.ref} (declared for this path: ${declared})`,
    );
  }
  return operation;
}

function contentTypeFor(body: string): string {
  try {
    JSON.parse(body);
    return 'application/json';
  } catch {
    return 'text/plain; charset=utf-8';
  }
}

/**
 * Checks a request against the definition: a server it declares for the environment, an
 * operation it declares, headers the caller may set. Throws InputError naming the field.
 */
export function resolveTarget(api: CallableApi, request: TargetRequest): Target {
  const servers = api.definition.servers.filter(s => s.environment === request.environment);
  const server = servers.find(s => s.url === request.serverUrl);
  if (!server) {
    const declared = servers.length
      ? `declared: ${servers.map(s => s.url).join(', ')}`
      : 'it declares none';
    throw new InputError(
      `serverUrl: ${request.serverUrl} is not a server the definition of ${api.ref} declares for ${request.environment} (${declared})`,
    );
  }
  const base = new URL(server.url);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new InputError(`serverUrl: only http and https servers can be called, not ${base.protocol}`);
  }
  if (base.username || base.password) {
    throw new InputError('serverUrl: servers with credentials in the URL cannot be called');
  }

  checkPath(request.path);
  const operation = findOperation(api, request.method, request.path);

  const apiKey = api.definition.apiKey;
  const url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}${request.path}`);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (apiKey.in === 'query' && name.toLowerCase() === apiKey.name.toLowerCase()) {
      throw new InputError(
        `query.${name}: the API key is added by Portico on the server, never by the browser`,
      );
    }
    url.searchParams.append(name, value);
  }
  // Belt and braces: whatever the path holds, the call stays on the declared server.
  if (url.origin !== base.origin) {
    throw new InputError(`path: ${request.path} leaves the server ${server.url}`);
  }

  const headers = checkHeaders(request.headers, apiKey);
  if (
    request.body !== undefined &&
    !Object.keys(headers).some(name => name.toLowerCase() === 'content-type')
  ) {
    headers['Content-Type'] = contentTypeFor(request.body);
  }
  return { server, operation, url, headers, apiKey };
}
