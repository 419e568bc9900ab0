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
    if (labels.portico_component) {
      const direct = await store.get(labels.portico_component);
      if (direct) return direct;
    }
    for (const label of this.options.labels) {
      const value = labels[label];
      if (!value) continue;
      const [byName] = await store.byName(value);
      if (byName) return byName;
    }
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
