import { schedulableTemplatesOf } from './schedulableTemplates';

type Entity = Parameters<typeof schedulableTemplatesOf>[0][number];

function template(
  name: string,
  annotations: Record<string, string>,
  spec: Entity['spec'] = {},
) {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, namespace: 'default', annotations },
    spec,
  };
}

describe('schedulableTemplatesOf', () => {
  it('keeps the templates the backend would schedule, as it names them', () => {
    const templates = schedulableTemplatesOf([
      template(
        'Scheduled-Trivy-Scan',
        { 'portico.io/schedulable': 'true' },
        {
          parameters: [
            {
              properties: {
                severity: { type: 'string' },
                target: { type: 'string' },
              },
              required: ['severity'],
            },
            { properties: { notify: { type: 'boolean' } } },
          ],
        },
      ),
      template('deploy', {
        'portico.io/schedulable': 'true',
        'portico.io/runnable-by': 'plugin:promotions',
      }),
      template('half-marked', { 'portico.io/schedulable': 'yes' }),
      template('unmarked', {}),
      {
        ...template('not-a-template', { 'portico.io/schedulable': 'true' }),
        kind: 'Component',
      },
    ]);
    expect(templates).toEqual([
      {
        ref: 'template:default/scheduled-trivy-scan',
        title: 'Scheduled-Trivy-Scan',
        description: undefined,
        parameterNames: ['severity*', 'target', 'notify'],
      },
    ]);
  });

  it('reads a single parameters step, and templates without one', () => {
    const [a, b] = schedulableTemplatesOf([
      template(
        'a',
        { 'portico.io/schedulable': 'true' },
        { parameters: { properties: { days: {} }, required: ['days'] } },
      ),
      template('b', { 'portico.io/schedulable': 'true' }),
    ]);
    expect(a.parameterNames).toEqual(['days*']);
    expect(b.parameterNames).toEqual([]);
  });
});
