import SwaggerParser from '@apidevtools/swagger-parser';
import { convertOpenapi31To30 } from './openapi30';

const DOCUMENT_31 = {
  openapi: '3.1.0',
  info: { title: 'Orders', version: '2.0.0', summary: 'Orders of the shop', license: { name: 'MIT', identifier: 'MIT' } },
  jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
  paths: {
    '/orders/{id}': {
      get: {
        operationId: 'getOrder',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', const: 'fixed' } }],
        responses: {
          '200': {
            description: 'the order',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
          },
        },
      },
    },
  },
  webhooks: { orderShipped: { post: { responses: { '200': { description: 'ok' } } } } },
  components: {
    schemas: {
      Order: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string', examples: ['o-1', 'o-2'] },
          note: { type: ['string', 'null'] },
          total: { type: 'number', exclusiveMinimum: 0 },
          lines: { type: 'array', prefixItems: [{ type: 'string' }], items: { type: ['integer', 'null'] } },
          receipt: { type: 'string', contentEncoding: 'base64' },
          either: { type: ['string', 'integer'] },
        },
      },
    },
  },
};

describe('convertOpenapi31To30', () => {
  it('converts what 3.0 can say and gives a document swagger-parser validates as 3.0', async () => {
    const { document, converted, dropped } = convertOpenapi31To30(structuredClone(DOCUMENT_31));
    expect(document.openapi).toBe('3.0.3');
    const order = (document as any).components.schemas.Order;
    expect(order.properties.note).toEqual({ type: 'string', nullable: true });
    expect(order.properties.id).toEqual({ type: 'string', example: 'o-1' });
    expect(order.properties.total).toEqual({ type: 'number', minimum: 0, exclusiveMinimum: true });
    expect(order.properties.lines.items).toEqual({ type: 'integer', nullable: true });
    expect(order.properties.lines.prefixItems).toBeUndefined();
    expect(order.properties.receipt).toEqual({ type: 'string', format: 'byte' });
    expect(order.properties.either).toEqual({ oneOf: [{ type: 'string' }, { type: 'integer' }] });
    expect((document as any).paths['/orders/{id}'].get.parameters[0].schema).toEqual({ type: 'string', enum: ['fixed'] });
    expect(document.webhooks).toBeUndefined();
    expect((document as any).info.summary).toBeUndefined();

    expect(converted).toContain('/components/schemas/Order/properties/note/type: type list → nullable');
    expect(dropped).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/webhooks: /),
        expect.stringMatching(/^\/components\/schemas\/Order\/properties\/lines\/prefixItems: /),
        expect.stringMatching(/^\/components\/schemas\/Order\/properties\/id\/examples: 3.0 keeps one example; 1 dropped/),
        expect.stringMatching(/^\/info\/license\/identifier: /),
      ]),
    );

    await expect(
      SwaggerParser.validate(structuredClone(document) as any, { resolve: { external: false } }),
    ).resolves.toBeDefined();
  });

  it('leaves a 3.0 document as it is', () => {
    const document = { openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: {} };
    expect(convertOpenapi31To30(document)).toEqual({ document, converted: [], dropped: [] });
  });

  it('does not change its input', () => {
    const input = structuredClone(DOCUMENT_31);
    convertOpenapi31To30(input);
    expect(input).toEqual(DOCUMENT_31);
  });
});
