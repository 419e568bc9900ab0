import type { AuthService, BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { SCHEDULABLE_ANNOTATION } from '@portico/plugin-portico-common';

/** Marks a template that acts with a plugin's authority (see the permission policy). */
const RUNNABLE_BY_ANNOTATION = 'portico.io/runnable-by';

export function normalizeTemplateRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref.trim(), { defaultKind: 'template', defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');
}

/** Why a template may not run on a schedule, or undefined when it may. */
export function scheduleRefusal(entity: Entity | undefined, templateRef: string): string | undefined {
  if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'template') {
    return `${templateRef} is not a template in the catalog`;
  }
  const annotations = entity.metadata.annotations ?? {};
  const runnableBy = annotations[RUNNABLE_BY_ANNOTATION];
  // A plugin's template acts with that plugin's authority and checks with it first; a schedule
  // would make the portal a confused deputy for it.
  if (runnableBy) return `${templateRef} is runnable by ${runnableBy} only`;
  if (annotations[SCHEDULABLE_ANNOTATION] !== 'true') {
    return `${templateRef} is not annotated ${SCHEDULABLE_ANNOTATION}: "true"`;
  }
  return undefined;
}

/**
 * Which templates a schedule may run. A person may schedule only a template they can run
 * themselves (the scaffolder reads a template with its initiator's credentials, so reading it is
 * running it) and that the operator marked schedulable. Each run re-reads the template as the
 * portal, so that a template that lost its annotation stops running, and checks that the person
 * who last vouched for the schedule is still in the catalog.
 */
export class TemplateGate {
  constructor(private readonly options: { catalog: CatalogService; auth: AuthService }) {}

  /** For a change by a person: a 400 naming `templateRef` when they may not schedule it. */
  async checkForUser(templateRef: string, credentials: BackstageCredentials): Promise<string> {
    let ref: string;
    try {
      ref = normalizeTemplateRef(templateRef);
    } catch (error) {
      throw new InputError(`templateRef: ${(error as Error).message}`);
    }
    const entity = await this.options.catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new InputError(`templateRef: ${ref} is not a template you can run`);
    }
    const refusal = scheduleRefusal(entity, ref);
    if (refusal) throw new InputError(`templateRef: ${refusal}`);
    return ref;
  }

  /** For a run by the portal: why it must not run, or undefined. */
  async refusalForRun(schedule: { templateRef: string; updatedBy: string }): Promise<string | undefined> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const entity = await this.options.catalog.getEntityByRef(schedule.templateRef, { credentials });
    const refusal = scheduleRefusal(entity, schedule.templateRef);
    if (refusal) return refusal;
    if (schedule.updatedBy.startsWith('user:')) {
      const person = await this.options.catalog.getEntityByRef(schedule.updatedBy, { credentials });
      if (!person) return `${schedule.updatedBy}, who last vouched for this schedule, is no longer in the catalog`;
    }
    return undefined;
  }
}
