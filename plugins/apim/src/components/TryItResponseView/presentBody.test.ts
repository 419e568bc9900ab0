import type { TryItResponse } from '@portico/plugin-apim-common';
import { presentBody } from './TryItResponseView';

const response = (overrides: Partial<TryItResponse>): TryItResponse => ({
  status: 200,
  statusText: 'OK',
  headers: { 'Content-Type': 'application/json; charset=utf-8' },
  body: '{"id":"pay_1","amount":{"value":100}}',
  bodyEncoding: 'utf8',
  truncated: false,
  durationMs: 12,
  url: 'https://api.sandbox.acme.example/payments/v1/payments/pay_1',
  ...overrides,
});

describe('presentBody', () => {
  it('indents JSON', () => {
    expect(presentBody(response({}))).toEqual({
      text: '{\n  "id": "pay_1",\n  "amount": {\n    "value": 100\n  }\n}',
      language: 'json',
    });
  });

  it('shows cut, invalid or non-JSON bodies as they came', () => {
    expect(presentBody(response({ body: '{"id":', truncated: true }))).toEqual({
      text: '{"id":',
      language: 'text',
    });
    expect(
      presentBody(
        response({
          headers: { 'content-type': 'application/xml' },
          body: '<a/>',
        }),
      ),
    ).toEqual({ text: '<a/>', language: 'xml' });
    expect(
      presentBody(response({ bodyEncoding: 'base64', body: 'iVBORw0K' })),
    ).toEqual({
      text: 'iVBORw0K',
      language: 'text',
    });
  });
});
