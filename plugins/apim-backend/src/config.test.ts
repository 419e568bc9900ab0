import { ConfigReader } from '@backstage/config';
import { readKeySettings } from './config';

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
