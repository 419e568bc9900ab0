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

export const DEFAULT_API_KEY: SecurityScheme = { in: 'header', name: 'X-API-Key' };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function environmentOf(server: Record<string, unknown>): ApimEnvironment | undefined {
  const declared = server['x-portico-environment'];
  return typeof declared === 'string' && (ENVIRONMENTS as readonly string[]).includes(declared)
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
): Promise<ParsedDefinition> {
  const empty = { servers: [], operations: [], apiKey: DEFAULT_API_KEY };
  if (type !== 'openapi') {
    return { ...empty, error: type ? `Definitions of type '${type}' have no servers to call` : 'No definition type' };
  }
  if (!definition || !definition.trim()) {
    return { ...empty, error: 'The API entity has no definition' };
  }
  let document: any;
  try {
    document = parseYaml(definition);
  } catch (e) {
    return { ...empty, error: `The definition is not valid YAML or JSON: ${(e as Error).message}` };
  }
  try {
    // Dereference a copy: validation mutates what it is given.
    document = await SwaggerParser.validate(structuredClone(document));
  } catch (e) {
    return { ...empty, error: `The definition is not a valid OpenAPI document: ${(e as Error).message}` };
  }

  const servers: ApiServer[] = (document.servers ?? []).map((server: Record<string, unknown>) => ({
    url: String(server.url),
    environment: environmentOf(server),
    description: typeof server.description === 'string' ? server.description : undefined,
    private: server['x-portico-private'] === true,
  }));

  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(document.paths ?? {})) {
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
  for (const scheme of Object.values<Record<string, any>>(document.components?.securitySchemes ?? {})) {
    if (scheme?.type === 'apiKey' && (scheme.in === 'header' || scheme.in === 'query') && scheme.name) {
      apiKey = { in: scheme.in, name: String(scheme.name) };
      break;
    }
  }

  return { version: document.info?.version, servers, operations, apiKey };
}
