/**
 * OpenAPI 3.1 → 3.0 for gateways that only read 3.0 (webMethods, older Kong and Azure APIM
 * imports). 3.1 schemas are JSON Schema 2020-12; 3.0 schemas are an older, smaller dialect, so
 * some constructs convert exactly (`type: [string, 'null']` → `nullable`), some approximately
 * (`examples` keeps its first value), and some not at all (`prefixItems`, `if`/`then`): those are
 * dropped and listed, so that the person exporting knows what the gateway will not enforce.
 */

export interface Openapi30Conversion {
  document: Record<string, unknown>;
  /** What changed shape on the way (JSON pointer: what was done). */
  converted: string[];
  /** What 3.0 cannot say and was dropped (JSON pointer: why). */
  dropped: string[];
}

/** JSON Schema keywords of 2020-12 that OpenAPI 3.0's schema object has no way to express. */
const UNSUPPORTED_SCHEMA_KEYWORDS = [
  'prefixItems',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependentRequired',
  'unevaluatedProperties',
  'unevaluatedItems',
  'patternProperties',
  'propertyNames',
  'contains',
  'minContains',
  'maxContains',
  '$defs',
  '$anchor',
  '$dynamicRef',
  '$dynamicAnchor',
  '$schema',
  '$id',
  '$comment',
] as const;

function pointer(path: string[]): string {
  return `/${path.map(p => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Converter {
  readonly converted: string[] = [];
  readonly dropped: string[] = [];

  schema(input: unknown, path: string[]): unknown {
    if (!isObject(input)) return input;
    const schema: Record<string, any> = { ...input };

    if (Array.isArray(schema.type)) {
      const types = schema.type.filter((t: unknown) => t !== 'null');
      const nullable = types.length < schema.type.length;
      if (types.length === 1) {
        schema.type = types[0];
      } else if (types.length === 0) {
        // `type: ['null']`: 3.0 has no null type; the closest is a nullable schema with no type.
        delete schema.type;
      } else {
        delete schema.type;
        schema.oneOf = types.map((t: string) => ({ type: t }));
      }
      if (nullable) schema.nullable = true;
      this.converted.push(`${pointer([...path, 'type'])}: type list → ${nullable ? 'nullable' : 'oneOf'}`);
    } else if (schema.type === 'null') {
      delete schema.type;
      schema.nullable = true;
      this.converted.push(`${pointer([...path, 'type'])}: null → nullable`);
    }

    if ('const' in schema) {
      schema.enum = [schema.const];
      delete schema.const;
      this.converted.push(`${pointer([...path, 'const'])}: const → enum of one`);
    }

    if (Array.isArray(schema.examples)) {
      if (schema.examples.length > 0 && !('example' in schema)) schema.example = schema.examples[0];
      if (schema.examples.length > 1) {
        this.dropped.push(`${pointer([...path, 'examples'])}: 3.0 keeps one example; ${schema.examples.length - 1} dropped`);
      }
      delete schema.examples;
      this.converted.push(`${pointer([...path, 'examples'])}: examples → example`);
    }

    for (const bound of ['exclusiveMinimum', 'exclusiveMaximum'] as const) {
      if (typeof schema[bound] === 'number') {
        const plain = bound === 'exclusiveMinimum' ? 'minimum' : 'maximum';
        schema[plain] = schema[bound];
        schema[bound] = true;
        this.converted.push(`${pointer([...path, bound])}: number → ${plain} + ${bound}: true`);
      }
    }

    if (typeof schema.contentEncoding === 'string' || typeof schema.contentMediaType === 'string') {
      if (schema.type === 'string' && !schema.format) {
        schema.format = schema.contentEncoding === 'base64' ? 'byte' : 'binary';
      }
      delete schema.contentEncoding;
      delete schema.contentMediaType;
      this.converted.push(`${pointer(path)}: contentEncoding/contentMediaType → format`);
    }

    for (const keyword of UNSUPPORTED_SCHEMA_KEYWORDS) {
      if (keyword in schema) {
        delete schema[keyword];
        this.dropped.push(`${pointer([...path, keyword])}: no equivalent in OpenAPI 3.0`);
      }
    }

    // A $ref with siblings is allowed in 3.1; 3.0 ignores the siblings, so keep the $ref alone.
    if (typeof schema.$ref === 'string' && Object.keys(schema).length > 1) {
      const siblings = Object.keys(schema).filter(k => k !== '$ref');
      for (const key of siblings) delete schema[key];
      this.dropped.push(`${pointer(path)}: keywords beside $ref (${siblings.join(', ')}) are ignored by 3.0`);
    }

    for (const key of ['items', 'not', 'additionalProperties']) {
      if (isObject(schema[key])) schema[key] = this.schema(schema[key], [...path, key]);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      if (Array.isArray(schema[key])) {
        schema[key] = schema[key].map((s: unknown, i: number) => this.schema(s, [...path, key, String(i)]));
      }
    }
    if (isObject(schema.properties)) {
      schema.properties = Object.fromEntries(
        Object.entries(schema.properties).map(([name, s]) => [name, this.schema(s, [...path, 'properties', name])]),
      );
    }
    return schema;
  }

  /** Walks any part of the document and converts every `schema` it holds. */
  walk(node: unknown, path: string[]): unknown {
    if (Array.isArray(node)) return node.map((item, i) => this.walk(item, [...path, String(i)]));
    if (!isObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'schema') {
        out[key] = this.schema(value, [...path, key]);
      } else if (key === 'schemas' && path[path.length - 1] === 'components' && isObject(value)) {
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, s]) => [name, this.schema(s, [...path, key, name])]),
        );
      } else {
        out[key] = this.walk(value, [...path, key]);
      }
    }
    return out;
  }
}

export function convertOpenapi31To30(input: Record<string, unknown>): Openapi30Conversion {
  const version = typeof input.openapi === 'string' ? input.openapi : '';
  if (!version.startsWith('3.1')) {
    return { document: input, converted: [], dropped: [] };
  }
  const converter = new Converter();
  const document = converter.walk(input, []) as Record<string, any>;
  document.openapi = '3.0.3';

  if ('webhooks' in document) {
    delete document.webhooks;
    converter.dropped.push('/webhooks: OpenAPI 3.0 has no webhooks (describe them as callbacks or in another API)');
  }
  if ('jsonSchemaDialect' in document) {
    delete document.jsonSchemaDialect;
    converter.dropped.push('/jsonSchemaDialect: 3.0 has one fixed schema dialect');
  }
  if (isObject(document.info)) {
    if ('summary' in document.info) {
      document.info = { ...document.info };
      delete document.info.summary;
      converter.dropped.push('/info/summary: not in 3.0');
    }
    if (isObject(document.info.license) && 'identifier' in document.info.license) {
      const { identifier, ...license } = document.info.license;
      document.info = { ...document.info, license: { ...license } };
      if (!license.url) converter.dropped.push(`/info/license/identifier: 3.0 needs a URL instead of the SPDX id ${identifier}`);
    }
  }
  if (isObject(document.components) && 'pathItems' in document.components) {
    document.components = { ...document.components };
    delete document.components.pathItems;
    converter.dropped.push('/components/pathItems: not in 3.0');
  }
  if (!document.paths) {
    // 3.1 allows a document with webhooks or components only; 3.0 requires paths.
    document.paths = {};
  }
  return { document, converted: converter.converted, dropped: converter.dropped };
}
