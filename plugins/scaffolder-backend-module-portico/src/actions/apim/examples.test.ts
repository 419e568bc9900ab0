import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createTestClient } from '../../__testUtils__/apim';
import { createApimApplicationCreateAction } from './createApplication';
import { createApplicationExamples } from './createApplication.examples';
import { createApimSubscriptionCreateAction } from './createSubscription';
import { createSubscriptionExamples } from './createSubscription.examples';
import { toTemplateExamples } from './exampleYaml';

const { client } = createTestClient();
const actions: TemplateAction<any, any, any>[] = [
  createApimApplicationCreateAction({ client }),
  createApimSubscriptionCreateAction({ client }),
];
const steps = [...createApplicationExamples, ...createSubscriptionExamples]
  .flatMap(example => example.steps)
  .map(step => ({
    ...step,
    literal: !JSON.stringify(step.input).includes('${{'),
  }));

describe('action examples', () => {
  it('prints each example as the YAML of its steps', () => {
    expect(toTemplateExamples(createSubscriptionExamples)[1].example).toBe(
      [
        'steps:',
        '  - id: subscribe',
        '    name: "Ask for production access to the payments API"',
        '    action: apim:subscription:create',
        '    input:',
        '      applicationName: checkout-web',
        '      owner: group:default/devops-acme',
        '      apiRef: api:default/payments-api',
        '      plan: gold',
        '      environment: production',
      ].join('\n'),
    );
    expect(toTemplateExamples(createApplicationExamples)[1].example).toContain(
      `      applicationId: "\${{ steps['create-application'].output.applicationId }}"`,
    );
  });

  it.each(steps.filter(step => step.literal).map(step => [step.action, step]))(
    'gives %s an input it accepts (dry run)',
    async (_id, step) => {
      const action = actions.find(a => a.id === step.action)!;
      const ctx = {
        ...createMockActionContext({ input: step.input }),
        isDryRun: true,
      };

      await expect(action.handler(ctx)).resolves.toBeUndefined();
    },
  );

  it('only uses the actions of this module', () => {
    expect(
      steps.every(step => actions.some(action => action.id === step.action)),
    ).toBe(true);
  });
});
