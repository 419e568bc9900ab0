import { ConfigReader } from '@backstage/config';
import { DEFAULT_TRY_IT_SETTINGS, readTryItSettings } from './config';

const read = (tryIt: unknown) => readTryItSettings(new ConfigReader({ apim: { tryIt } } as any));

describe('readTryItSettings', () => {
  it('has defaults: no DELETE, PUT or PATCH on production, 256 KiB out, 1 MiB back, 10 s', () => {
    expect(readTryItSettings(new ConfigReader({}))).toEqual(DEFAULT_TRY_IT_SETTINGS);
    expect(DEFAULT_TRY_IT_SETTINGS).toEqual({
      allowedMethods: {
        sandbox: ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'],
        staging: ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'],
        production: ['GET', 'HEAD', 'OPTIONS', 'POST'],
      },
      maxRequestBodyBytes: 262144,
      maxResponseBodyBytes: 1048576,
      timeoutMs: 10000,
      callsPerMinute: 30,
    });
  });

  it('reads every key', () => {
    expect(
      read({
        allowedMethods: { production: ['get', 'head'], staging: [] },
        maxRequestBodyBytes: 1024,
        maxResponseBodyBytes: 2048,
        timeoutSeconds: 2.5,
        callsPerMinute: 120,
      }),
    ).toEqual({
      allowedMethods: {
        sandbox: DEFAULT_TRY_IT_SETTINGS.allowedMethods.sandbox,
        staging: [],
        production: ['GET', 'HEAD'],
      },
      maxRequestBodyBytes: 1024,
      maxResponseBodyBytes: 2048,
      timeoutMs: 2500,
      callsPerMinute: 120,
    });
  });

  it('names the key that is wrong', () => {
    expect(() => read({ allowedMethods: { production: ['GET', 'FETCH'] } })).toThrow(
      "Invalid configuration apim.tryIt.allowedMethods.production[1]: 'FETCH' is not one of GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE",
    );
    expect(() => read({ allowedMethods: { prod: ['GET'] } })).toThrow(
      'Invalid configuration apim.tryIt.allowedMethods.prod: not an environment (sandbox, staging, production)',
    );
    expect(() => read({ timeoutSeconds: 0 })).toThrow(/^Invalid configuration apim\.tryIt\.timeoutSeconds: /);
    expect(() => read({ maxResponseBodyBytes: -1 })).toThrow(/apim\.tryIt\.maxResponseBodyBytes/);
    expect(() => read({ maxRequestBodyBytes: 'big' })).toThrow(/maxRequestBodyBytes/);
    expect(() => read({ callsPerMinute: 0 })).toThrow(/apim\.tryIt\.callsPerMinute/);
  });
});
