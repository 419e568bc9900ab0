import fc from 'fast-check';
import type { Knex } from 'knex';
import { z } from 'zod';

/** One route to fuzz: its path (express `:params`), and the zod schemas from its `-common`. */
export interface FuzzRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** e.g. `/api/apim/applications/:id`. */
  path: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Valid values to start each path parameter from (e.g. ids that exist); mutated too. */
  params?: Record<string, string[]>;
  /** The Authorization header of the caller; the helper's default otherwise. */
  authorization?: string;
}

/** A supertest-like request factory: `(method, url) => Test`. */
export interface FuzzRequest {
  (method: FuzzRoute['method'], url: string, authorization: string): {
    query(q: Record<string, unknown>): any;
  };
}

export interface FuzzRoutesOptions {
  request: FuzzRequest;
  routes: FuzzRoute[];
  /** The Authorization header used when a route names none. */
  authorization: string;
  /** Runs per route. */
  count?: number;
  seed?: number;
  /** Row counts of the plugin's tables; compared before/after every rejected request. */
  countRows: () => Promise<Record<string, number>>;
}

export interface FuzzFailure {
  route: string;
  url: string;
  body: unknown;
  status: number;
  response: unknown;
  problem: string;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Strings a parser or a database tends to mishandle. */
const nastyString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    "'; DROP TABLE x; --",
    '../../etc/passwd',
    '%00',
    '\u202e\u0301\ud83d\ude00',
    'null',
    'undefined',
    'NaN',
    '-1',
    '1e309',
    '9'.repeat(40),
    '00000000-0000-0000-0000-000000000000',
    '__proto__',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('x'.repeat(100_000)),
);

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')),
  nastyString,
);

function regexFrom(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

/** Values that satisfy a JSON schema most of the time (the server re-validates anyway). */
export function arbitraryFromJsonSchema(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(undefined);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return fc.oneof(...union.map(s => arbitraryFromJsonSchema(s, depth + 1)));
  if (schema.allOf?.length) return arbitraryFromJsonSchema(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'uri') return fc.webUrl();
      if (schema.format === 'date-time') {
        return fc
          .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
          .map(d => d.toISOString());
      }
      if (schema.format === 'email') return fc.emailAddress();
      const min = schema.minLength ?? 0;
      const max = Math.max(min, Math.min(schema.maxLength ?? 30, 60));
      const regex = schema.pattern ? regexFrom(schema.pattern) : undefined;
      if (regex) {
        return fc
          .stringMatching(regex)
          .filter(s => s.length >= min && s.length <= (schema.maxLength ?? Infinity));
      }
      return fc.string({ minLength: min, maxLength: max });
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
      return type === 'integer'
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) })
        : fc.double({ min, max: Math.max(min, max), noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(arbitraryFromJsonSchema(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(properties)) {
        record[key] = arbitraryFromJsonSchema(sub, depth + 1);
      }
      if (Object.keys(properties).length === 0 && typeof schema.additionalProperties === 'object') {
        return fc.dictionary(
          fc.string({ minLength: 1, maxLength: 10 }),
          arbitraryFromJsonSchema(schema.additionalProperties, depth + 1) as fc.Arbitrary<any>,
          { maxKeys: 3 },
        );
      }
      return fc.record(record, {
        requiredKeys: Object.keys(properties).filter(k => required.has(k)),
      });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values for a zod schema, from its JSON schema (the input side: before defaults/coercion). */
export function arbitraryFromZod(schema: z.ZodType): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return arbitraryFromJsonSchema(json);
}

/** A valid value, or one mutated the ways clients get it wrong (or attack it). */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const objectMutation = fc
    .tuple(valid, fc.nat(), wrongType, fc.constantFrom(...PROTO_KEYS, 'unexpectedField'))
    .chain(([value, index, replacement, extraKey]) => {
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        return fc.constant(replacement);
      }
      const keys = Object.keys(value);
      const key = keys.length ? keys[index % keys.length] : undefined;
      return fc.constantFrom(
        // a field of the wrong type (or a huge / unicode string)
        key ? { ...value, [key]: replacement } : replacement,
        // a field missing
        key ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== key)) : {},
        // an extra field, prototype pollution included (own keys, as JSON.parse makes them)
        JSON.parse(
          `${JSON.stringify(value).slice(0, -1)}${keys.length ? ',' : ''}${JSON.stringify(
            extraKey,
          )}:{"polluted":true}}`,
        ),
      );
    });
  return fc.oneof(
    { arbitrary: valid, weight: 2 },
    { arbitrary: objectMutation, weight: 5 },
    { arbitrary: wrongType, weight: 1 },
  );
}

/** Query strings carry strings: the mutated object, its values as text. */
function asQuery(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { q: String(value) };
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      v !== null && typeof v === 'object' ? v : String(v),
    ]),
  );
}

const paramValue = (valid: string[] | undefined) =>
  fc.oneof(
    ...(valid?.length ? [{ arbitrary: fc.constantFrom(...valid), weight: 3 }] : []),
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: nastyString.filter(s => s.length > 0 && s.length < 5000), weight: 2 },
  );

/**
 * Every 400 names the field: `field: message` (`describeZodError`'s shape). Field names may be
 * the client's own (an unrecognized key), so anything but blank passes as a name.
 */
function namesAField(message: unknown): boolean {
  if (typeof message !== 'string') return false;
  const colon = message.indexOf(': ');
  return colon > 0 && message.slice(0, colon).trim() !== '' && message.slice(colon + 2).trim() !== '';
}

export interface FuzzReport {
  /** Empty when every property held; otherwise the inputs to replay. */
  failures: FuzzFailure[];
  /** Status codes seen per route (`POST /api/x` -> { 201: 3, 400: 17 }): what the runs reached. */
  statuses: Record<string, Record<number, number>>;
}

/**
 * Property-based fuzzing of routes: bodies, query strings and path params generated from the
 * zod schemas and mutated. A request never gets a 5xx, a rejected one writes nothing, and a
 * 400 names the field.
 */
export async function fuzzRoutes(options: FuzzRoutesOptions): Promise<FuzzReport> {
  const failures: FuzzFailure[] = [];
  const statuses: FuzzReport['statuses'] = {};
  const count = options.count ?? 25;
  for (const [index, route] of options.routes.entries()) {
    const name = `${route.method.toUpperCase()} ${route.path}`;
    const paramNames = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map(m => m[1]);
    const input = fc.record({
      params: fc.record(
        Object.fromEntries(paramNames.map(p => [p, paramValue(route.params?.[p])])),
      ),
      body: route.body ? mutated(arbitraryFromZod(route.body)) : fc.constant(undefined),
      query: route.query ? mutated(arbitraryFromZod(route.query)) : fc.constant(undefined),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ params, body, query }) => {
        const url = route.path.replace(/:([A-Za-z0-9_]+)/g, (_m, p) =>
          encodeURIComponent((params as Record<string, string>)[p]),
        );
        const before = await options.countRows();
        const call = options
          .request(route.method, url, route.authorization ?? options.authorization)
          .query(query === undefined ? {} : asQuery(query));
        // A client can send any JSON text, a bare number or `true` included.
        const isObject = body !== null && typeof body === 'object';
        const res = await (isObject || body === undefined
          ? call.send(body)
          : call.set('Content-Type', 'application/json').send(JSON.stringify(body)));
        const seen = (statuses[name] ??= {});
        seen[res.status] = (seen[res.status] ?? 0) + 1;
        const fail = (problem: string) => {
          failures.push({ route: name, url, body: body ?? query, status: res.status, response: res.body ?? res.text, problem });
          return false;
        };
        if (res.status >= 500) return fail('5xx');
        if (res.status >= 400) {
          const after = await options.countRows();
          const changed = Object.keys({ ...before, ...after }).filter(t => before[t] !== after[t]);
          if (changed.length) return fail(`rejected with ${res.status} but wrote to ${changed.join(', ')}`);
        }
        if (res.status === 400) {
          if (!namesAField(res.body?.error?.message)) {
            return fail('a 400 that names no field');
          }
        }
        return true;
      }),
      // One failure per route is enough to report; keep going to the other routes.
      { numRuns: count, seed: (options.seed ?? 42) + index, endOnFailure: true },
    ).catch((error: Error) => {
      // A failed property was recorded above; anything else (a generator that cannot
      // produce values, a request that threw) is a failure of its own.
      if (!failures.some(f => f.route === name)) {
        failures.push({ route: name, url: route.path, body: undefined, status: 0, response: undefined, problem: `fuzzing stopped: ${error.message.split('\n').slice(0, 6).join(' ')}` });
      }
    });
  }
  return { failures, statuses };
}

/** Row counts of every table of a plugin's database but knex's own. */
export async function countAllRows(knex: Knex): Promise<Record<string, number>> {
  const client = String(knex.client.config.client);
  const tables: string[] =
    client.includes('sqlite')
      ? (
          await knex('sqlite_master')
            .where({ type: 'table' })
            .whereNot('name', 'like', 'sqlite_%')
            .select('name')
        ).map((r: { name: string }) => r.name)
      : (
          await knex('information_schema.tables')
            .whereRaw('table_schema = current_schema()')
            .andWhere({ table_type: 'BASE TABLE' })
            .select('table_name as name')
        ).map((r: { name: string }) => r.name);
  const counts: Record<string, number> = {};
  for (const table of tables.filter(t => !t.startsWith('knex_migrations'))) {
    counts[table] = Number((await knex(table).count({ n: '*' }))[0].n);
  }
  return counts;
}
