import { createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import type { OutboxStore } from './OutboxStore';

/**
 * Every plugin's outbox in this backend, by plugin id, so that the events page can read
 * them all. Root-scoped: one per backend process.
 */
export interface OutboxRegistry {
  register(pluginId: string, store: OutboxStore): void;
  get(pluginId: string): OutboxStore | undefined;
  plugins(): string[];
}

export class InMemoryOutboxRegistry implements OutboxRegistry {
  private readonly stores = new Map<string, OutboxStore>();

  register(pluginId: string, store: OutboxStore): void {
    this.stores.set(pluginId, store);
  }

  get(pluginId: string): OutboxStore | undefined {
    return this.stores.get(pluginId);
  }

  plugins(): string[] {
    return [...this.stores.keys()].sort();
  }
}

export const outboxRegistryServiceRef = createServiceRef<OutboxRegistry>({
  id: 'portico.outbox-registry',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => new InMemoryOutboxRegistry(),
    }),
});
