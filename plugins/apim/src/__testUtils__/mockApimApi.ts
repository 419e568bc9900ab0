import { ResponseError } from '@backstage/errors';
import type { ApimApi } from '../api';

export type MockApimApi = {
  [K in keyof ApimApi]: jest.MockedFunction<ApimApi[K]>;
};

/** Every method a jest mock that fails loudly unless the test says what it returns. */
export function mockApimApi(overrides: Partial<ApimApi> = {}): MockApimApi {
  const notMocked = (name: string) =>
    jest.fn(async () => {
      throw new Error(`ApimApi.${name} was not expected in this test`);
    });
  const methods: Array<keyof ApimApi> = [
    'listApis',
    'getApi',
    'listApplications',
    'getApplication',
    'createApplication',
    'updateApplication',
    'deleteApplication',
    'listSubscriptions',
    'getSubscription',
    'createSubscription',
    'changeSubscription',
    'rejectSubscription',
    'listKeys',
    'createKey',
    'rotateKey',
    'revokeKey',
    'tryIt',
    'codeSamples',
    'getApplicationUsage',
    'getApplicationUsageCsv',
    'getApiUsage',
    'getApiUsageCsv',
    'exportOpenapi30',
  ];
  const api: Record<string, jest.Mock> = {};
  for (const method of methods) {
    api[method] = overrides[method]
      ? jest.fn(overrides[method] as any)
      : notMocked(method);
  }
  return api as unknown as MockApimApi;
}

/** A ResponseError as the client throws it for the body Backstage's error middleware sends. */
export function responseError(
  statusCode: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/api/apim' },
        response: { statusCode },
      }),
      {
        status: statusCode,
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}
