import {
  describeZodError,
  SLA_ANNOTATION,
  slaAnnotationSchema,
  type ComponentSla,
  type Severity,
} from '@portico/plugin-security-common';

export type SlaDays = Partial<Record<Severity, number>>;

/** `security.slaPolicies`: clocks per catalog tier and lifecycle, over the per-severity default. */
export interface SlaPolicies {
  byTier: Record<string, SlaDays>;
  byLifecycle: Record<string, SlaDays>;
}

/**
 * A component's clocks, most specific last: the config default, then its lifecycle's, then its
 * tier's, then its own `portico.io/security-sla` annotation, each per severity. The annotation is
 * catalog YAML (user input): an invalid one is ignored and the reason kept for the pages, never
 * an error of the sync.
 */
export function resolveComponentSla(
  defaults: SlaDays,
  policies: SlaPolicies,
  component: { tier?: string; lifecycle?: string; annotation?: string },
): ComponentSla {
  const slaDays: SlaDays = { ...defaults };
  const sources = ['default'];
  const lifecycle = component.lifecycle?.toLowerCase();
  if (lifecycle && policies.byLifecycle[lifecycle]) {
    Object.assign(slaDays, policies.byLifecycle[lifecycle]);
    sources.push(`lifecycle ${lifecycle}`);
  }
  const tier = component.tier?.toLowerCase();
  if (tier && policies.byTier[tier]) {
    Object.assign(slaDays, policies.byTier[tier]);
    sources.push(`tier ${tier}`);
  }
  let annotationError: string | undefined;
  if (component.annotation !== undefined) {
    const parsed = slaAnnotationSchema.safeParse(component.annotation);
    if (parsed.success) {
      Object.assign(slaDays, parsed.data);
      sources.push('annotation');
    } else {
      annotationError = `${SLA_ANNOTATION} ignored: ${describeZodError(
        parsed.error,
      )}`;
    }
  }
  return {
    slaDays,
    sources,
    ...(annotationError ? { annotationError } : {}),
  };
}
