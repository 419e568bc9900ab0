import { randomUUID } from 'crypto';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { ApimEnvironment } from '@portico/plugin-apim-common';
import type { ApimDatabase } from '../../database/ApimStore';
import type { ApplicationCacheInvalidator } from '../applications/ApplicationService';
import { SYSTEM_ACTOR } from '../events';
import type { ConsoleKeyProvider } from '../tryit/ports';
import { generateApiKey } from './keyFormat';

export const CONSOLE_KEY_LIFETIME_MS = 15 * 60_000;
/** A cached key is not handed out for a request that could outlive it. */
const REUSE_MARGIN_MS = 2 * 60_000;

/**
 * The keys Try-It calls with. Minted on the server for an application, one API and an
 * environment (so that a key a Try-It call carries opens that API only, not the application's
 * others), valid
 * 15 minutes, reused while valid; the secret stays in this process's memory (not the shared
 * cache service, which may be an outside store) and never reaches the browser. The database
 * holds its hash like any key's, so a gateway verifies it like any other, but it is of kind
 * `console`: never listed with the user's keys, never rotated or announced.
 */
export class ConsoleKeyService implements ConsoleKeyProvider, ApplicationCacheInvalidator {
  private readonly cache = new Map<string, { secret: string; expiresAt: number }>();
  private readonly minting = new Map<string, Promise<string>>();

  constructor(
    private readonly options: { db: ApimDatabase; clock?: () => number },
  ) {}

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  async keyFor(applicationId: string, apiRef: string, environment: ApimEnvironment): Promise<string> {
    const slot = `${applicationId}/${apiRef}/${environment}`;
    const cached = this.cache.get(slot);
    if (cached && cached.expiresAt - this.now() > REUSE_MARGIN_MS) return cached.secret;
    // Concurrent Try-It calls share one new key instead of minting one each.
    let pending = this.minting.get(slot);
    if (!pending) {
      pending = this.mint(slot, applicationId, apiRef, environment).finally(() => this.minting.delete(slot));
      this.minting.set(slot, pending);
    }
    return pending;
  }

  forget(applicationId: string): void {
    for (const slot of this.cache.keys()) {
      if (slot.startsWith(`${applicationId}/`)) this.cache.delete(slot);
    }
  }

  private async mint(slot: string, applicationId: string, apiRef: string, environment: ApimEnvironment) {
    const application = await this.options.db.applications.get(applicationId);
    if (!application) throw new NotFoundError(`No application ${applicationId}`);
    if (!application.environments.includes(environment)) {
      throw new ConflictError(`Application '${application.name}' does not use ${environment}`);
    }
    const now = this.now();
    const generated = generateApiKey(environment);
    const expiresAt = now + CONSOLE_KEY_LIFETIME_MS;
    await this.options.db.keys.insert({
      id: randomUUID(),
      applicationId,
      environment,
      kind: 'console',
      apiRef,
      keyHash: generated.hash,
      prefix: generated.prefix,
      last4: generated.last4,
      createdBy: SYSTEM_ACTOR,
      createdAt: now,
      expiresAt,
    });
    this.cache.set(slot, { secret: generated.secret, expiresAt });
    return generated.secret;
  }
}
