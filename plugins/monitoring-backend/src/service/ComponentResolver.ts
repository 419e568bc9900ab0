import { matchesLabels, parseSelector } from '@portico/plugin-monitoring-common';
import type { ComponentRecord, ComponentStore } from '../database/MonitoringStore';

/**
 * Finds the component an alert concerns: first by the value of the configured labels
 * (`component`, `service`, `job`) matched against component names in the projection, then by
 * the components' `portico.io/alert-selector` annotation. Selectors are cached for a short
 * while so a burst of webhooks reads them once.
 */
export class ComponentResolver {
  private selectors?: { at: number; list: Array<{ component: ComponentRecord; matchers: NonNullable<ReturnType<typeof parseSelector>> }> };

  constructor(
    private readonly options: { labels: string[]; cacheMs?: number; now?: () => number },
  ) {}

  invalidate() {
    this.selectors = undefined;
  }

  async resolve(store: ComponentStore, labels: Record<string, string>): Promise<ComponentRecord | undefined> {
    return (await this.resolveMany(store, [labels]))[0];
  }

  /**
   * The component of each label set, in order, with two lookups for the whole batch (the
   * `portico_component` refs and the names under the configured labels) and the cached selectors.
   */
  async resolveMany(store: ComponentStore, labelSets: Array<Record<string, string>>): Promise<Array<ComponentRecord | undefined>> {
    const refs = labelSets.map(l => l.portico_component).filter((v): v is string => !!v);
    const names = labelSets.flatMap(l => this.options.labels.map(label => l[label]).filter((v): v is string => !!v));
    const byRef = new Map((refs.length ? await store.getMany(refs) : []).map(c => [c.entityRef, c]));
    const byName = new Map<string, ComponentRecord>();
    // Ordered by entity ref: the first of several namespaces wins, as before.
    for (const component of names.length ? await store.byNames(names) : []) {
      if (!byName.has(component.name)) byName.set(component.name, component);
    }
    const out: Array<ComponentRecord | undefined> = [];
    for (const labels of labelSets) {
      let found = labels.portico_component ? byRef.get(labels.portico_component.toLowerCase()) : undefined;
      for (const label of this.options.labels) {
        if (found) break;
        const value = labels[label];
        if (value) found = byName.get(value.toLowerCase());
      }
      out.push(found ?? (await this.bySelector(store, labels)));
    }
    return out;
  }

  private async bySelector(store: ComponentStore, labels: Record<string, string>): Promise<ComponentRecord | undefined> {
    const now = (this.options.now ?? Date.now)();
    if (!this.selectors || now - this.selectors.at > (this.options.cacheMs ?? 30_000)) {
      const list = [];
      for (const component of await store.withSelector()) {
        const matchers = parseSelector(component.alertSelector!);
        if (matchers) list.push({ component, matchers });
      }
      this.selectors = { at: now, list };
    }
    return this.selectors.list.find(s => matchesLabels(s.matchers, labels))?.component;
  }
}
