import SwaggerParser from '@apidevtools/swagger-parser';
import { parse as parseYaml } from 'yaml';
import {
  ApiOperation,
  ApiServer,
  ApimEnvironment,
  ENVIRONMENTS,
} from '@portico/plugin-apim-common';

export interface SecurityScheme {
  /** Where Try-It puts the application's key. */
  in: 'header' | 'query';
  name: string;
}

export interface ParsedDefinition {
  version?: string;
  servers: ApiServer[];
  operations: ApiOperation[];
  /** The API-key scheme the definition declares (first one), else the default header. */
  apiKey: SecurityScheme;
  /** Why the definition could not be read; the rest is then empty. */
  error?: string;
}

/** Bounds on what a definition may cost to read (`apim.definitions`). */
export interface DefinitionLimits {
  /** Longest definition text, in bytes (UTF-8). */
  maxBytes: number;
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
}

export const DEFAULT_DEFINITION_LIMITS: DefinitionLimits = {
  maxBytes: 2 * 1024 * 1024,
  maxDepth: 64,
};

/**
 * Checks nesting depth and finds the first `$ref` that points outside the document, without
 * recursion (a deep document must not overflow the stack). Returns why the document is refused.
 */
function refusal(
  document: unknown,
  limits: DefinitionLimits,
): string | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: document, path: '', depth: 0 },
  ];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.maxDepth) {
      return `The definition nests deeper than ${limits.maxDepth} levels (at ${
        path || 'the root'
      }; apim.definitions.maxDepth)`;
    }
    for (const [key, child] of Object.entries(
      value as Record<string, unknown>,
    )) {
      const childPath = path ? `${path}.${key}` : key;
      if (
        key === '$ref' &&
        typeof child === 'string' &&
        !child.startsWith('#')
      ) {
        return (
          `The definition refers to ${JSON.stringify(
            child.slice(0, 200),
          )} (at ${childPath}), outside the definition. ` +
          'Portico never reads files or URLs named by a definition: put the referenced schema in the ' +
          "definition (under components) and refer to it as '#/components/...'"
        );
      }
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

export const DEFAULT_API_KEY: SecurityScheme = {
  in: 'header',
  name: 'X-API-Key',
};

const METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
];

function environmentOf(
  server: Record<string, unknown>,
): ApimEnvironment | undefined {
  const declared = server['x-portico-environment'];
  return typeof declared === 'string' &&
    (ENVIRONMENTS as readonly string[]).includes(declared)
    ? (declared as ApimEnvironment)
    : undefined;
}

/**
 * Reads an OpenAPI definition (the catalog's `spec.definition` text) with swagger-parser:
 * version, servers by environment (`x-portico-environment`, `x-portico-private`), operations and
 * the API-key scheme. It never throws: a definition that does not parse comes back with an
 * `error` that the API page shows.
 */
export async function parseApiDefinition(
  type: string | undefined,
  definition: string | undefined,
  limits: DefinitionLimits = DEFAULT_DEFINITION_LIMITS,
): Promise<ParsedDefinition> {
  const empty = { servers: [], operations: [], apiKey: DEFAULT_API_KEY };
  if (type !== 'openapi') {
    return {
      ...empty,
      error: type
        ? `Definitions of type '${type}' have no servers to call`
        : 'No definition type',
    };
  }
  if (!definition || !definition.trim()) {
    return { ...empty, error: 'The API entity has no definition' };
  }
  const bytes = Buffer.byteLength(definition, 'utf8');
  if (bytes > limits.maxBytes) {
    return {
      ...empty,
      error: `The definition is ${bytes} bytes, more than Portico reads (${limits.maxBytes} bytes, apim.definitions.maxBytes)`,
    };
  }
  let document: any;
  try {
    // Aliases are how a few lines of YAML expand to gigabytes; a definition needs few.
    document = parseYaml(definition, { maxAliasCount: 100 });
  } catch (e) {
    return {
      ...empty,
      error: `The definition is not valid YAML or JSON: ${
        (e as Error).message
      }`,
    };
  }
  const refused = refusal(document, limits);
  if (refused) return { ...empty, error: refused };
  try {
    // Dereference a copy: validation mutates what it is given. External resolution is off as
    // well, in case a reference the check above does not know slips through: the definition is
    // catalog data anyone can write, and the backend's files and network are not its to read.
    document = await SwaggerParser.validate(structuredClone(document), {
      resolve: { external: false, file: false, http: false },
    });
  } catch (e) {
    return {
      ...empty,
      error: `The definition is not a valid OpenAPI document: ${
        (e as Error).message
      }`,
    };
  }

  const servers: ApiServer[] = (document.servers ?? []).map(
    (server: Record<string, unknown>) => ({
      url: String(server.url),
      environment: environmentOf(server),
      description:
        typeof server.description === 'string' ? server.description : undefined,
      private: server['x-portico-private'] === true,
    }),
  );

  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(
    document.paths ?? {},
  )) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (operation) {
        operations.push({
          operationId: operation.operationId,
          method: method.toUpperCase(),
          path,
          summary: operation.summary,
        });
      }
    }
  }

  let apiKey = DEFAULT_API_KEY;
  for (const scheme of Object.values<Record<string, any>>(
    document.components?.securitySchemes ?? {},
  )) {
    if (
      scheme?.type === 'apiKey' &&
      (scheme.in === 'header' || scheme.in === 'query') &&
      scheme.name
    ) {
      apiKey = { in: scheme.in, name: String(scheme.name) };
      break;
    }
  }

  return { version: document.info?.version, servers, operations, apiKey };
}
