import { randomUUID, timingSafeEqual } from 'crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  ApiKeyStatus,
  ApiKeyView,
  ApimEnvironment,
  CreateKeyRequest,
  IssuedApiKey,
  KeyVerification,
} from '@portico/plugin-apim-common';
import type { ApiKeyRecord, ApimDatabase } from '../../database/ApimStore';
import type { Caller } from '../access/AccessService';
import type { ApplicationService } from '../applications/ApplicationService';
import type { EventPublisher } from '../events';
import { normalizeRef } from '../refs';
import { generateApiKey, hashApiKey, parseApiKey } from './keyFormat';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface KeySettings {
  /** Hours an old key keeps working after a rotation, unless the request says otherwise. */
  rotationGraceHours: number;
  /** Days before expiry that the owners are told, once per key. */
  expiryNoticeDays: number;
}

export function keyStatus(key: ApiKeyRecord, now: number, noticeMs: number): ApiKeyStatus {
  if (key.revokedAt !== undefined) return 'revoked';
  const endsAt = Math.min(key.expiresAt ?? Infinity, key.graceUntil ?? Infinity);
  if (endsAt <= now) return 'expired';
  if (key.graceUntil !== undefined || endsAt - now <= noticeMs) return 'expiring';
  return 'active';
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/**
 * API keys: created per application and environment, shown once, kept as a SHA-256 hash;
 * rotation with a grace period, immediate revocation, optional expiry with a notice, and the
 * verification gateways call.
 */
export class KeyService {
  /** Last use per key, written to the database by `flushUsage` (at most once a minute). */
  private usage = new Map<string, number>();

  constructor(
    private readonly options: {
      db: ApimDatabase;
      events: EventPublisher;
      applications: ApplicationService;
      notifications: NotificationService;
      logger: LoggerService;
      settings: KeySettings;
      clock?: () => number;
    },
  ) {}

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  toView(key: ApiKeyRecord, now = this.now()): ApiKeyView {
    const optional = {
      expiresAt: iso(key.expiresAt),
      revokedAt: iso(key.revokedAt),
      graceUntil: iso(key.graceUntil),
      replacedBy: key.replacedBy,
      lastUsedAt: iso(key.lastUsedAt),
    };
    return {
      id: key.id,
      applicationId: key.applicationId,
      environment: key.environment,
      prefix: key.prefix,
      last4: key.last4,
      status: keyStatus(key, now, this.options.settings.expiryNoticeDays * DAY),
      createdAt: new Date(key.createdAt).toISOString(),
      createdBy: key.createdBy,
      ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    };
  }

  async list(caller: Caller, applicationId: string): Promise<ApiKeyView[]> {
    await this.options.applications.getManageable(caller, applicationId);
    const keys = await this.options.db.keys.listForApplication(applicationId, 'user');
    const now = this.now();
    return keys.map(key => this.toView(key, now));
  }

  async create(caller: Caller, applicationId: string, request: CreateKeyRequest): Promise<IssuedApiKey> {
    const application = await this.options.applications.getManageable(caller, applicationId);
    if (!application.environments.includes(request.environment)) {
      throw new InputError(
        `environment: application '${application.name}' does not use ${request.environment} (it uses ${application.environments.join(', ')})`,
      );
    }
    const now = this.now();
    const { record, secret } = this.newKey(applicationId, request.environment, caller.userRef, now, {
      expiresAt: request.expiresInDays ? now + request.expiresInDays * DAY : undefined,
    });
    await this.options.db.transaction(async tx => {
      await tx.keys.insert(record);
      await this.options.events.publish(tx.trx, {
        topic: 'api-key-rotated',
        type: 'api-key-created',
        actor: caller.userRef,
        subject: applicationId,
        data: {
          applicationId,
          environment: record.environment,
          keyId: record.id,
          prefix: record.prefix,
          ...(record.expiresAt ? { expiresAt: iso(record.expiresAt) } : {}),
        },
      });
    });
    return { key: this.toView(record, now), secret };
  }

  /**
   * A new key for the same application and environment; the old one keeps working until
   * `graceUntil` (0 hours: it stops at once). A key with an expiry passes its lifetime on.
   */
  async rotate(caller: Caller, keyId: string, request: { graceHours?: number }): Promise<IssuedApiKey> {
    const old = await this.userKey(keyId);
    await this.options.applications.getManageable(caller, old.applicationId);
    const now = this.now();
    const status = keyStatus(old, now, 0);
    if (status !== 'active' || old.replacedBy) {
      throw new ConflictError(
        `Key ${old.prefix}…${old.last4} is ${old.replacedBy ? 'already rotated' : status}; only a key in use can be rotated`,
      );
    }
    const graceHours = request.graceHours ?? this.options.settings.rotationGraceHours;
    const graceUntil = now + graceHours * HOUR;
    const { record, secret } = this.newKey(old.applicationId, old.environment, caller.userRef, now, {
      expiresAt: old.expiresAt === undefined ? undefined : now + (old.expiresAt - old.createdAt),
    });
    await this.options.db.transaction(async tx => {
      await tx.keys.insert(record);
      if (!(await tx.keys.markRotated(old.id, { replacedBy: record.id, graceUntil, now }))) {
        throw new ConflictError(`Key ${old.prefix}…${old.last4} changed meanwhile (rotated or revoked)`);
      }
      await this.options.events.publish(tx.trx, {
        topic: 'api-key-rotated',
        type: 'api-key-rotated',
        actor: caller.userRef,
        subject: old.applicationId,
        data: {
          applicationId: old.applicationId,
          environment: old.environment,
          keyId: record.id,
          previousKeyId: old.id,
          previousKeyExpiresAt: new Date(graceUntil).toISOString(),
        },
      });
    });
    return { key: this.toView(record, now), secret };
  }

  /** Stops a key at once (also one in its grace period). */
  async revoke(caller: Caller, keyId: string): Promise<ApiKeyView> {
    const key = await this.userKey(keyId);
    await this.options.applications.getManageable(caller, key.applicationId);
    const now = this.now();
    await this.options.db.transaction(async tx => {
      if (!(await tx.keys.revoke(keyId, caller.userRef, now))) {
        throw new ConflictError(`Key ${key.prefix}…${key.last4} is already revoked`);
      }
      await this.options.events.publish(tx.trx, {
        topic: 'api-key-rotated',
        type: 'api-key-revoked',
        actor: caller.userRef,
        subject: key.applicationId,
        data: { applicationId: key.applicationId, environment: key.environment, keyId },
      });
    });
    return this.toView({ ...key, revokedAt: now, revokedBy: caller.userRef }, now);
  }

  /**
   * For gateways. Every key that does not grant access (malformed, mistyped, unknown, revoked,
   * expired, past its grace period, of another environment, of a deleted application) gets the
   * very same `{ valid: false }`.
   *
   * The lookup is by SHA-256 of the whole key, so how long it takes says nothing about how much
   * of a guess was right; the stored hash is then compared in constant time.
   */
  async verify(request: {
    key: string;
    environment: ApimEnvironment;
    apiRef?: string;
  }): Promise<KeyVerification> {
    const apiRef = request.apiRef ? normalizeRef(request.apiRef, 'api', 'apiRef') : undefined;
    const parsed = parseApiKey(request.key);
    if (!parsed || request.environment !== parsed.environment) {
      return { valid: false };
    }
    const hash = hashApiKey(request.key);
    const found = await this.options.db.keys.findForVerification(hash);
    if (!found) return { valid: false };
    const now = this.now();
    const stored = Buffer.from(found.key.keyHash, 'hex');
    const given = Buffer.from(hash, 'hex');
    const usable =
      stored.length === given.length &&
      timingSafeEqual(stored, given) &&
      found.key.environment === parsed.environment &&
      found.key.revokedAt === undefined &&
      (found.key.expiresAt === undefined || found.key.expiresAt > now) &&
      (found.key.graceUntil === undefined || found.key.graceUntil > now) &&
      !found.application.deleted;
    const subscriptions = found.subscriptions.filter(s => !apiRef || s.apiRef === apiRef);
    if (!usable || (apiRef && subscriptions.length === 0)) return { valid: false };

    this.usage.set(found.key.id, now);
    return {
      valid: true,
      application: {
        id: found.application.id,
        name: found.application.name,
        owner: found.application.owner,
      },
      environment: found.key.environment,
      keyId: found.key.id,
      subscriptions: subscriptions.map(subscription => {
        const plan = subscription.plans.find(p => p.name === subscription.plan);
        return {
          subscriptionId: subscription.id,
          apiRef: subscription.apiRef,
          plan: subscription.plan,
          ...(plan?.rateLimit ? { rateLimit: plan.rateLimit } : {}),
          ...(plan?.quota ? { quota: plan.quota } : {}),
        };
      }),
    };
  }

  /**
   * Writes the last use of the keys verified since the previous flush. Verification itself
   * never writes: a gateway may verify on every request, and one write per key per minute is
   * all `lastUsedAt` needs.
   */
  async flushUsage(): Promise<number> {
    if (this.usage.size === 0) return 0;
    const batch = this.usage;
    this.usage = new Map();
    await this.options.db.keys.recordUsage(batch);
    return batch.size;
  }

  /**
   * Tells the owner group of each application whose key expires within `expiryNoticeDays`,
   * once per key (recorded on the key, claimed first so that two replicas do not both send).
   */
  async sendExpiryNotices(): Promise<number> {
    const { db, notifications, logger, settings } = this.options;
    const now = this.now();
    const due = await db.keys.dueForExpiryNotice(now, now + settings.expiryNoticeDays * DAY);
    let sent = 0;
    for (const key of due) {
      if (!(await db.keys.claimExpiryNotice(key.id, now))) continue;
      try {
        const application = await db.applications.get(key.applicationId);
        if (!application) continue;
        const days = Math.max(1, Math.ceil(((key.expiresAt ?? now) - now) / DAY));
        await notifications.send({
          recipients: { type: 'entity', entityRef: application.owner },
          payload: {
            title: `API key ${key.prefix}…${key.last4} of '${application.name}' expires in ${days} day${days === 1 ? '' : 's'}`,
            description: `The ${key.environment} key expires on ${iso(key.expiresAt)}. Rotate it before then to keep calls working.`,
            link: `/applications/${application.id}`,
            severity: 'high',
            topic: 'api-key-rotated:api-key-expiring',
            scope: `api-key:${key.id}`,
          },
        });
        sent++;
      } catch (error) {
        await db.keys.releaseExpiryNotice(key.id);
        logger.warn(`Could not send the expiry notice of key ${key.id}, will retry: ${error}`);
      }
    }
    // Try-It keys live 15 minutes; a day later nothing needs them.
    await db.keys.deleteExpiredConsoleKeys(now - DAY);
    return sent;
  }

  /** A user key (console keys are not managed through the API). */
  private async userKey(keyId: string): Promise<ApiKeyRecord> {
    const key = await this.options.db.keys.get(keyId);
    if (!key || key.kind !== 'user') throw new NotFoundError(`No API key ${keyId}`);
    return key;
  }

  private newKey(
    applicationId: string,
    environment: ApimEnvironment,
    createdBy: string,
    now: number,
    extra: { expiresAt?: number },
  ): { record: ApiKeyRecord; secret: string } {
    const generated = generateApiKey(environment);
    return {
      secret: generated.secret,
      record: {
        id: randomUUID(),
        applicationId,
        environment,
        kind: 'user',
        keyHash: generated.hash,
        prefix: generated.prefix,
        last4: generated.last4,
        createdBy,
        createdAt: now,
        ...(extra.expiresAt !== undefined ? { expiresAt: extra.expiresAt } : {}),
      },
    };
  }
}
