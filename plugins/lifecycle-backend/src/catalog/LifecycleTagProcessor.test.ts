import type { Entity } from '@backstage/catalog-model';
import { TAG_VIOLATIONS_ANNOTATION } from '@portico/plugin-lifecycle-common';
import { LifecycleTagProcessor } from './LifecycleTagProcessor';

const resource = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'sandbox-x', annotations },
  spec: { type: 'namespace', owner: 'payments-team' },
});

const VALID = {
  'lifecycle.portico.io/environment': 'sandbox',
  'lifecycle.portico.io/owner': 'group:default/payments-team',
  'lifecycle.portico.io/project': 'shipping',
  'lifecycle.portico.io/cost-center': 'CC-1042',
  'lifecycle.portico.io/ttl': '14d',
  'lifecycle.portico.io/created-at': '2026-12-01T09:00:00Z',
  'lifecycle.portico.io/auto-teardown': 'true',
  'lifecycle.portico.io/data-class': 'public',
};

describe('LifecycleTagProcessor', () => {
  const processor = new LifecycleTagProcessor();
  const run = (entity: Entity) => processor.preProcessEntity(entity);

  it('leaves a valid Resource without a violation', async () => {
    const out = await run(resource(VALID));
    expect(out.metadata.annotations).toEqual(VALID);
  });

  it('writes the violations of an invalid Resource on it', async () => {
    const { 'lifecycle.portico.io/ttl': _ttl, ...withoutTtl } = VALID;
    const out = await run(resource({ ...withoutTtl, 'lifecycle.portico.io/data-class': 'secret' }));
    expect(out.metadata.annotations![TAG_VIOLATIONS_ANNOTATION]).toBe(
      'ttl: missing (annotation lifecycle.portico.io/ttl); data-class: must be one of public, internal, confidential, restricted',
    );
  });

  it('drops a stale or forged violation annotation once the tags are fixed', async () => {
    const out = await run(resource({ ...VALID, [TAG_VIOLATIONS_ANNOTATION]: 'ttl: missing' }));
    expect(out.metadata.annotations![TAG_VIOLATIONS_ANNOTATION]).toBeUndefined();
  });

  it('ignores other kinds', async () => {
    const component = { ...resource({}), kind: 'Component' };
    expect(await run(component)).toBe(component);
  });
});
