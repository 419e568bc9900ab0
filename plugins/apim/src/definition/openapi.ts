import { parseYaml } from './yaml';

/** A parameter of an operation, as the Try-It form shows it. */
export interface OperationParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description?: string;
  /** The spec's example (or default, or first enum value), as the text the form starts with. */
  example?: string;
  /** Values the spec allows, when it lists them. */
  enum?: string[];
}

/** What the Try-It form starts from for one operation. */
export interface OperationTemplate {
  parameters: OperationParameter[];
  /** Present when the operation takes a body. */
  body?: { contentType: string; required: boolean; example: string };
  description?: string;
}

type Json = Record<string, any>;

export type ReadDefinitionResult =
  | { document: Json; error?: undefined }
  | { document?: undefined; error: string };

/** Parses a definition's text (JSON or YAML) into a document; says why when it cannot. */
export function readDefinition(text: string | undefined): ReadDefinitionResult {
  if (!text || !text.trim()) {
    return { error: 'The API entity has no definition' };
  }
  let document: unknown;
  try {
    document = text.trimStart().startsWith('{')
      ? JSON.parse(text)
      : parseYaml(text);
  } catch (e) {
    return {
      error: `The definition could not be read: ${(e as Error).message}`,
    };
  }
  if (!document || typeof document !== 'object' || Array.isArray(document)) {
    return { error: 'The definition is not an OpenAPI document' };
  }
  return { document: document as Json };
}

const MAX_REF_DEPTH = 20;

/** Follows local `$ref`s (`#/components/...`); a reference it cannot follow gives undefined. */
function resolve(document: Json, value: unknown, depth = 0): any {
  if (!value || typeof value !== 'object' || depth > MAX_REF_DEPTH) {
    return value;
  }
  const ref = (value as Json).$ref;
  if (typeof ref !== 'string') return value;
  if (!ref.startsWith('#/')) return undefined;
  let target: any = document;
  for (const token of ref.slice(2).split('/')) {
    const key = decodeURIComponent(token)
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
    target = target?.[key];
  }
  return resolve(document, target, depth + 1);
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function firstExample(document: Json, examples: unknown): unknown {
  if (Array.isArray(examples)) return examples[0];
  if (examples && typeof examples === 'object') {
    const first = Object.values(examples)[0];
    return resolve(document, first)?.value;
  }
  return undefined;
}

const SAMPLE_DEPTH = 6;

/** An example value built from a schema: its own examples first, then a typed placeholder. */
export function sampleFromSchema(
  document: Json,
  rawSchema: unknown,
  depth = 0,
): unknown {
  const schema = resolve(document, rawSchema);
  if (!schema || typeof schema !== 'object' || depth > SAMPLE_DEPTH) {
    return undefined;
  }
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) {
    return schema.examples[0];
  }
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part: unknown) =>
      sampleFromSchema(document, part, depth + 1),
    );
    if (
      parts.every(
        (part: unknown) =>
          part && typeof part === 'object' && !Array.isArray(part),
      )
    ) {
      return Object.assign({}, ...parts);
    }
    return parts.find((part: unknown) => part !== undefined);
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(alternatives) && alternatives.length) {
    return sampleFromSchema(document, alternatives[0], depth + 1);
  }
  const type = Array.isArray(schema.type)
    ? schema.type.find((t: string) => t !== 'null')
    : schema.type;
  if (type === 'object' || (!type && schema.properties)) {
    const result: Json = {};
    for (const [name, property] of Object.entries<unknown>(
      schema.properties ?? {},
    )) {
      if (resolve(document, property)?.readOnly) continue;
      const value = sampleFromSchema(document, property, depth + 1);
      if (value !== undefined) result[name] = value;
    }
    return result;
  }
  if (type === 'array') {
    const item = sampleFromSchema(document, schema.items, depth + 1);
    return item === undefined ? [] : [item];
  }
  if (type === 'string') {
    switch (schema.format) {
      case 'date-time':
        return '2025-01-01T00:00:00Z';
      case 'date':
        return '2025-01-01';
      case 'uuid':
        return '00000000-0000-4000-8000-000000000000';
      case 'email':
        return 'someone@example.com';
      case 'uri':
      case 'url':
        return 'https://example.com';
      default:
        return 'string';
    }
  }
  if (type === 'integer' || type === 'number') return schema.minimum ?? 0;
  if (type === 'boolean') return false;
  return undefined;
}

/** Names of the API-key parameters the definition's security schemes declare: the server adds those. */
function apiKeyParameters(document: Json): Set<string> {
  const names = new Set<string>();
  const schemes = {
    ...(document.components?.securitySchemes ?? {}),
    ...(document.securityDefinitions ?? {}),
  };
  for (const scheme of Object.values<unknown>(schemes)) {
    const resolved = resolve(document, scheme);
    if (resolved?.type === 'apiKey' && typeof resolved.name === 'string') {
      names.add(`${resolved.in}:${resolved.name.toLowerCase()}`);
    }
  }
  return names;
}

function pickMediaType(content: Json): [string, Json] | undefined {
  const entries = Object.entries<Json>(content ?? {});
  return (
    entries.find(([type]) => type === 'application/json') ??
    entries.find(([type]) => /[/+]json\b/.test(type)) ??
    entries[0]
  );
}

function bodyText(example: unknown, contentType: string): string {
  if (typeof example === 'string') return example;
  if (example === undefined) return '';
  return /json/.test(contentType)
    ? JSON.stringify(example, null, 2)
    : String(example);
}

/**
 * The parameters and body of one operation, prefilled from the definition's examples (the
 * operation's own, its schema's, or a placeholder built from the schema). Undefined when the
 * definition has no such operation.
 */
export function operationTemplate(
  document: Json,
  method: string,
  path: string,
): OperationTemplate | undefined {
  const pathItem = resolve(document, document.paths?.[path]);
  const operation = resolve(document, pathItem?.[method.toLowerCase()]);
  if (!operation) return undefined;

  const hidden = apiKeyParameters(document);
  const byKey = new Map<string, OperationParameter>();
  let swaggerBody: Json | undefined;
  // Operation-level parameters override path-level ones of the same name and place.
  for (const raw of [
    ...(pathItem.parameters ?? []),
    ...(operation.parameters ?? []),
  ]) {
    const parameter = resolve(document, raw);
    if (!parameter?.name || !parameter.in) continue;
    if (parameter.in === 'body') {
      swaggerBody = parameter;
      continue;
    }
    if (!['path', 'query', 'header', 'cookie'].includes(parameter.in)) continue;
    if (hidden.has(`${parameter.in}:${String(parameter.name).toLowerCase()}`)) {
      continue;
    }
    const schema = resolve(document, parameter.schema) ?? parameter;
    const example =
      parameter.example ??
      firstExample(document, parameter.examples) ??
      (schema.example !== undefined ||
      schema.default !== undefined ||
      Array.isArray(schema.enum) ||
      Array.isArray(schema.examples)
        ? sampleFromSchema(document, schema)
        : undefined);
    byKey.set(`${parameter.in}:${parameter.name}`, {
      name: String(parameter.name),
      in: parameter.in,
      required: parameter.in === 'path' || parameter.required === true,
      description: parameter.description,
      example: asText(example),
      enum: Array.isArray(schema.enum) ? schema.enum.map(String) : undefined,
    });
  }

  let body: OperationTemplate['body'];
  const requestBody = resolve(document, operation.requestBody);
  const media = requestBody && pickMediaType(requestBody.content);
  if (media) {
    const [contentType, mediaType] = media;
    const example =
      mediaType.example ??
      firstExample(document, mediaType.examples) ??
      sampleFromSchema(document, mediaType.schema);
    body = {
      contentType,
      required: requestBody.required === true,
      example: bodyText(example, contentType),
    };
  } else if (swaggerBody) {
    const contentType = (operation.consumes ??
      document.consumes ?? ['application/json'])[0];
    body = {
      contentType,
      required: swaggerBody.required === true,
      example: bodyText(
        sampleFromSchema(document, swaggerBody.schema),
        contentType,
      ),
    };
  }

  return {
    parameters: [...byKey.values()],
    body,
    description: operation.description,
  };
}

/** Fills `{name}` placeholders of an operation path with URL-encoded values. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (placeholder, name: string) => {
    const value = values[name];
    return value ? encodeURIComponent(value) : placeholder;
  });
}
