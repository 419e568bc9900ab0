import { ConfigReader } from '@backstage/config';
import { readPromotionSettings } from './config';

describe('readPromotionSettings', () => {
  it('defaults to STAGING → PROD, one approver, the built-in executor', () => {
    const settings = readPromotionSettings(new ConfigReader({}));
    expect(settings.environments).toEqual(['STAGING', 'PROD']);
    expect([...settings.targets.values()]).toEqual([
      {
        environment: 'PROD',
        requiredApprovals: 1,
        executor: 'scaffolder',
        template: 'template:default/promotion-deploy',
        // Nobody may report deployments unless named.
        executorSubjects: [],
        executorSubjectsKey: 'promotions.targets.PROD.executorSubjects',
      },
    ]);
    expect(settings.deploymentTimeoutMs).toBe(30 * 60_000);
    expect(settings.retryWindowMs).toBe(24 * 3_600_000);
  });

  it('reads a longer chain with per-target rules and gates', () => {
    const settings = readPromotionSettings(
      new ConfigReader({
        promotions: {
          environments: ['dev', 'staging', 'prod'],
          targets: { prod: { requiredApprovals: 2, executor: 'external' } },
          gates: { 'version-not-deployed': { blocking: true } },
          deploymentTimeoutMinutes: 5,
        },
      }),
    );
    expect(settings.environments).toEqual(['DEV', 'STAGING', 'PROD']);
    expect(settings.targets.get('PROD')).toMatchObject({ requiredApprovals: 2, executor: 'external' });
    expect(settings.targets.get('STAGING')).toMatchObject({ requiredApprovals: 1, executor: 'scaffolder' });
    expect(settings.gates.get('version-not-deployed')).toEqual({ enabled: true, blocking: true });
    expect(settings.deploymentTimeoutMs).toBe(5 * 60_000);
  });

  it.each([
    [{ environments: ['PROD'] }, 'promotions.environments'],
    [{ targets: { QA: {} } }, 'promotions.targets.QA'],
    [{ targets: { PROD: { executor: 'awx' } } }, 'promotions.targets.PROD.executor'],
    [{ targets: { PROD: { requiredApprovals: 0 } } }, 'promotions.targets.PROD.requiredApprovals'],
    [{ deploymentTimeoutMinutes: 0 }, 'promotions.deploymentTimeoutMinutes'],
  ])('refuses %j naming %s', (promotions, key) => {
    expect(() => readPromotionSettings(new ConfigReader({ promotions }))).toThrow(key);
  });
});
