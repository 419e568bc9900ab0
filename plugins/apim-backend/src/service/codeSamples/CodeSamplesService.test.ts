import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { CodeSamplesRequest } from '@portico/plugin-apim-common';
import { apiEntity, definitionFor } from '../tryit/__testUtils__/fixtures';
import { API_KEY_PLACEHOLDER, CodeSamplesService } from './CodeSamplesService';

const PORT = 8443;
const SERVER = `http://127.0.0.1:${PORT}/v1`;
const credentials = mockCredentials.user('user:default/alice');

function service() {
  return new CodeSamplesService({
    catalog: catalogServiceMock({
      entities: [
        apiEntity('payments', definitionFor(PORT)),
        apiEntity('payments-query', definitionFor(PORT, { in: 'query', name: 'api_key' })),
      ],
    }),
  });
}

const request = (overrides: Partial<CodeSamplesRequest> = {}): CodeSamplesRequest => ({
  apiRef: 'api:default/payments',
  environment: 'sandbox',
  serverUrl: SERVER,
  method: 'POST',
  path: '/payments',
  query: { expand: 'customer' },
  headers: { 'Idempotency-Key': 'idem-42' },
  body: '{"amount":4999,"currency":"EUR"}',
  ...overrides,
});

// How each language spells the method and the JSON body.
const METHOD: Record<string, RegExp> = {
  shell: /--request POST/,
  javascript: /method: 'POST'/,
  python: /requests\.post\(/,
  go: /http\.NewRequest\("POST"/,
  java: /\.post\(body\)/,
  csharp: /HttpMethod\.Post/,
};
const BODY: Record<string, RegExp> = {
  shell: /\{"amount":4999,"currency":"EUR"\}/,
  javascript: /\{"amount":4999,"currency":"EUR"\}/,
  python: /"amount": 4999,\s*"currency": "EUR"/,
  go: /\{\\"amount\\":4999,\\"currency\\":\\"EUR\\"\}/,
  java: /\{\\"amount\\":4999,\\"currency\\":\\"EUR\\"\}/,
  csharp: /\{\\"amount\\":4999,\\"currency\\":\\"EUR\\"\}/,
};

describe('CodeSamplesService', () => {
  it('generates curl, JavaScript, Python, Go, Java and C# with the key as a header placeholder', async () => {
    const { samples } = await service().generate(request(), { credentials });
    expect(samples.map(s => s.language)).toEqual(['shell', 'javascript', 'python', 'go', 'java', 'csharp']);
    for (const { language, code } of samples) {
      // Python keeps the query apart from the URL.
      expect(code).toContain(language === 'python' ? `${SERVER}/payments` : `${SERVER}/payments?expand=customer`);
      expect(code).toMatch(METHOD[language]);
      expect(code).toMatch(BODY[language]);
      expect(code).toContain('X-API-Key');
      expect(code).toContain(API_KEY_PLACEHOLDER);
      expect(code).toContain('idem-42');
    }
    expect(samples[0].code).toContain(`--header 'X-API-Key: ${API_KEY_PLACEHOLDER}'`);
  });

  it('puts the placeholder in the query when the scheme says so, unencoded', async () => {
    const { samples } = await service().generate(
      request({ apiRef: 'payments-query', method: 'GET', path: '/payments/pay_1', body: undefined, headers: {} }),
      { credentials },
    );
    for (const { language, code } of samples) {
      expect(code).not.toContain('X-API-Key');
      expect(code).not.toMatch(/%3C/i);
      // Python keeps the query in a dict.
      const expected =
        language === 'python'
          ? `"api_key":"${API_KEY_PLACEHOLDER}"`
          : `${SERVER}/payments/pay_1?expand=customer&api_key=${API_KEY_PLACEHOLDER}`;
      expect(code).toContain(expected);
    }
  });

  it('refuses what Try-It refuses: undeclared servers, paths and caller-set keys', async () => {
    await expect(
      service().generate(request({ serverUrl: 'https://evil.example/v1' }), { credentials }),
    ).rejects.toThrow(/^serverUrl: /);
    await expect(service().generate(request({ path: '/admin' }), { credentials })).rejects.toThrow(/^path: /);
    await expect(
      service().generate(request({ headers: { 'X-API-Key': 'pt_live_real' } }), { credentials }),
    ).rejects.toThrow(/^headers\.X-API-Key: /);
  });
});
