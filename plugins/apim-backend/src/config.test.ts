import { ConfigReader } from '@backstage/config';
import { readDefinitionLimits, readKeySettings } from './config';

describe('readKeySettings', () => {
  it('defaults to a 24 h grace and a notice 7 days ahead', () => {
    expect(readKeySettings(new ConfigReader({}))).toEqual({ rotationGraceHours: 24, expiryNoticeDays: 7 });
  });

  it('reads apim.keys and refuses out-of-range values, naming the key', () => {
    expect(
      readKeySettings(new ConfigReader({ apim: { keys: { rotationGraceHours: 0, expiryNoticeDays: 14 } } })),
    ).toEqual({ rotationGraceHours: 0, expiryNoticeDays: 14 });
    expect(() => readKeySettings(new ConfigReader({ apim: { keys: { rotationGraceHours: -1 } } }))).toThrow(
      /apim\.keys\.rotationGraceHours/,
    );
    expect(() => readKeySettings(new ConfigReader({ apim: { keys: { expiryNoticeDays: 0 } } }))).toThrow(
      /apim\.keys\.expiryNoticeDays/,
    );
  });
});

describe('readDefinitionLimits', () => {
  it('defaults to 2 MiB and 64 levels, reads apim.definitions and names a wrong key', () => {
    expect(readDefinitionLimits(new ConfigReader({}))).toEqual({ maxBytes: 2 * 1024 * 1024, maxDepth: 64 });
    expect(
      readDefinitionLimits(new ConfigReader({ apim: { definitions: { maxBytes: 4096, maxDepth: 20 } } })),
    ).toEqual({ maxBytes: 4096, maxDepth: 20 });
    expect(() => readDefinitionLimits(new ConfigReader({ apim: { definitions: { maxDepth: 2 } } }))).toThrow(
      /apim\.definitions\.maxDepth/,
    );
  });
});
