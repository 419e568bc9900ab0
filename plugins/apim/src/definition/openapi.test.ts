import { paymentsSpec } from '../__testUtils__/paymentsSpec';
import { fillPath, operationTemplate, readDefinition } from './openapi';

describe('readDefinition', () => {
  it('reads YAML and JSON definitions', () => {
    expect(readDefinition(paymentsSpec).document?.info.version).toBe('1.4.0');
    expect(
      readDefinition('{"openapi": "3.0.0", "paths": {}}').document,
    ).toEqual({ openapi: '3.0.0', paths: {} });
  });

  it('says why a definition cannot be read', () => {
    expect(readDefinition(undefined)).toEqual({
      error: 'The API entity has no definition',
    });
    expect(readDefinition('{"openapi": ').error).toMatch(
      /^The definition could not be read: /,
    );
    expect(readDefinition('just a sentence')).toEqual({
      error: 'The definition is not an OpenAPI document',
    });
  });
});

describe('operationTemplate', () => {
  const document = readDefinition(paymentsSpec).document!;

  it("prefills path parameters from the path item's referenced parameter", () => {
    expect(operationTemplate(document, 'GET', '/payments/{paymentId}')).toEqual(
      {
        parameters: [
          {
            name: 'paymentId',
            in: 'path',
            required: true,
            description: "The payment's id.",
            example: 'pay_3Nf8Kq1Zr',
            enum: undefined,
          },
        ],
        body: undefined,
        description: undefined,
      },
    );
  });

  it('takes examples, defaults and enums for query parameters and hides the API key header', () => {
    const template = operationTemplate(document, 'get', '/payments')!;

    expect(template.parameters).toEqual([
      expect.objectContaining({
        name: 'limit',
        in: 'query',
        required: false,
        example: '25',
      }),
      expect.objectContaining({
        name: 'status',
        in: 'query',
        example: 'captured',
        enum: ['authorized', 'captured', 'cancelled'],
      }),
    ]);
  });

  it("prefills the body with the request body's example and headers from named examples", () => {
    const template = operationTemplate(document, 'POST', '/payments')!;

    expect(template.parameters).toEqual([
      expect.objectContaining({
        name: 'Idempotency-Key',
        in: 'header',
        required: true,
        example: 'order-GX-100234-1',
      }),
    ]);
    expect(template.body).toEqual({
      contentType: 'application/json',
      required: true,
      example: JSON.stringify(
        {
          amount: { value: 4999, currency: 'EUR' },
          captureMethod: 'manual',
          description: 'Order GX-100234',
        },
        null,
        2,
      ),
    });
  });

  it('builds a body from the schema when the operation gives no example, leaving out read-only fields', () => {
    const template = operationTemplate(
      document,
      'PATCH',
      '/payments/{paymentId}',
    )!;

    expect(JSON.parse(template.body!.example)).toEqual({
      merchantReference: 'GX-100234-B',
      metadata: { channel: 'web' },
      capturedAt: '2025-01-01T00:00:00Z',
    });
  });

  it('knows no operation the definition does not declare', () => {
    expect(operationTemplate(document, 'DELETE', '/payments')).toBeUndefined();
  });
});

describe('fillPath', () => {
  it('encodes the values and leaves unfilled placeholders visible', () => {
    expect(
      fillPath('/payments/{paymentId}/refunds/{refundId}', {
        paymentId: 'pay 1/2',
      }),
    ).toBe('/payments/pay%201%2F2/refunds/{refundId}');
  });
});
