import { InputError } from '@backstage/errors';
import { promotionRoute } from './promotionRoute';

const CHAIN = ['DEV', 'STAGING', 'PROD'];

describe('promotionRoute', () => {
  it('goes from the first environment to the next when neither end is given', () => {
    expect(promotionRoute(CHAIN)).toEqual({
      fromEnvironment: 'DEV',
      toEnvironment: 'STAGING',
    });
  });

  it('fills in the missing end from the chain', () => {
    expect(promotionRoute(CHAIN, 'STAGING')).toEqual({
      fromEnvironment: 'STAGING',
      toEnvironment: 'PROD',
    });
    expect(promotionRoute(CHAIN, undefined, 'PROD')).toEqual({
      fromEnvironment: 'STAGING',
      toEnvironment: 'PROD',
    });
  });

  it('refuses a step that skips an environment, naming toEnvironment', () => {
    expect(() => promotionRoute(CHAIN, 'DEV', 'PROD')).toThrow(
      new InputError(
        'toEnvironment: DEV promotes to STAGING (chain DEV → STAGING → PROD), not PROD',
      ),
    );
  });

  it('refuses the last environment and unknown ones, naming the field given', () => {
    expect(() => promotionRoute(CHAIN, 'PROD')).toThrow(
      'fromEnvironment: promotions go along DEV → STAGING → PROD; PROD has no next environment',
    );
    expect(() => promotionRoute(CHAIN, undefined, 'DEV')).toThrow(
      /^toEnvironment: promotions go along DEV → STAGING → PROD/,
    );
    expect(() => promotionRoute(CHAIN, 'QA')).toThrow(
      /^fromEnvironment: .* QA has no next environment$/,
    );
  });
});
