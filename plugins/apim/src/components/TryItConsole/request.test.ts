import {
  buildTryItRequest,
  missingPathParams,
  previewUrl,
  type TryItDraft,
} from './request';

const draft: TryItDraft = {
  apiRef: 'api:default/payments-api',
  method: 'post',
  path: '/payments/{paymentId}/capture',
  environment: 'sandbox',
  serverUrl: 'https://api.sandbox.acme.example/payments/v1/',
  applicationId: '3f0c8a4e-5b1d-4c1e-9a43-2d6f8e1b7c10',
  pathParams: { paymentId: 'pay 1' },
  query: { expand: 'customer', status: '' },
  headers: { 'Idempotency-Key': 'k-1' },
  extraQuery: [
    { name: ' debug ', value: 'true' },
    { name: '', value: 'ignored' },
  ],
  extraHeaders: [{ name: 'X-Trace', value: 't-9' }],
  body: '{"amount": 100}',
  contentType: 'application/json',
};

describe('buildTryItRequest', () => {
  it('fills the path, leaves empty values out and adds the Content-Type of the body', () => {
    expect(buildTryItRequest(draft)).toEqual({
      apiRef: 'api:default/payments-api',
      applicationId: '3f0c8a4e-5b1d-4c1e-9a43-2d6f8e1b7c10',
      environment: 'sandbox',
      serverUrl: 'https://api.sandbox.acme.example/payments/v1/',
      method: 'POST',
      path: '/payments/pay%201/capture',
      query: { expand: 'customer', debug: 'true' },
      headers: {
        'Idempotency-Key': 'k-1',
        'X-Trace': 't-9',
        'Content-Type': 'application/json',
      },
      body: '{"amount": 100}',
    });
  });

  it("keeps the user's own Content-Type and sends no empty body", () => {
    const request = buildTryItRequest({
      ...draft,
      extraHeaders: [
        { name: 'content-type', value: 'application/merge-patch+json' },
      ],
      body: '  ',
    });
    expect(request.headers).toEqual({
      'Idempotency-Key': 'k-1',
      'content-type': 'application/merge-patch+json',
    });
    expect(request.body).toBeUndefined();
  });
});

describe('previewUrl and missingPathParams', () => {
  it('shows the URL called and names the empty path parameters', () => {
    expect(previewUrl(draft)).toBe(
      'https://api.sandbox.acme.example/payments/v1/payments/pay%201/capture?expand=customer&debug=true',
    );
    expect(missingPathParams(draft)).toEqual([]);
    expect(
      missingPathParams({ ...draft, pathParams: { paymentId: '' } }),
    ).toEqual(['paymentId']);
  });
});
