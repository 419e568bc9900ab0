import type { CatalogApi } from '@backstage/plugin-catalog-react';
import { SCHEDULABLE_ANNOTATION } from '@portico/plugin-portico-common';

type Entity = Awaited<ReturnType<CatalogApi['getEntities']>>['items'][number];

/** A template the portal may run on a schedule (the backend's TemplateGate has the final word). */
export interface SchedulableTemplate {
  ref: string;
  title: string;
  description?: string;
  /** The names the template's form asks for, required ones marked with `*`. */
  parameterNames: string[];
}

/** A template with this annotation acts with a plugin's authority and is never schedulable. */
const RUNNABLE_BY_ANNOTATION = 'portico.io/runnable-by';

/** The catalog query: the catalog filters on annotations, the page re-checks what it gets. */
export const SCHEDULABLE_TEMPLATES_QUERY = {
  filter: {
    kind: 'template',
    [`metadata.annotations.${SCHEDULABLE_ANNOTATION}`]: 'true',
  },
  fields: [
    'kind',
    'metadata.name',
    'metadata.namespace',
    'metadata.title',
    'metadata.description',
    'metadata.annotations',
    'spec.parameters',
  ],
};

function parameterNamesOf(entity: Entity): string[] {
  const raw = entity.spec?.parameters;
  const steps = (Array.isArray(raw) ? raw : [raw]) as Array<
    { properties?: Record<string, unknown>; required?: unknown } | undefined
  >;
  return steps.flatMap(step => {
    const required = Array.isArray(step?.required)
      ? (step!.required as string[])
      : [];
    return Object.keys(step?.properties ?? {}).map(name =>
      required.includes(name) ? `${name}*` : name,
    );
  });
}

/** The entities the backend would accept as a schedule's template, sorted by title. */
export function schedulableTemplatesOf(
  entities: Entity[],
): SchedulableTemplate[] {
  return entities
    .filter(entity => {
      const annotations = entity.metadata.annotations ?? {};
      return (
        entity.kind.toLocaleLowerCase('en-US') === 'template' &&
        annotations[SCHEDULABLE_ANNOTATION] === 'true' &&
        !annotations[RUNNABLE_BY_ANNOTATION]
      );
    })
    .map(entity => ({
      // The backend stores refs lower-cased (normalizeTemplateRef), so the form compares them so.
      ref: `template:${entity.metadata.namespace ?? 'default'}/${
        entity.metadata.name
      }`.toLocaleLowerCase('en-US'),
      title: entity.metadata.title ?? entity.metadata.name,
      description: entity.metadata.description,
      parameterNames: parameterNamesOf(entity),
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
}
