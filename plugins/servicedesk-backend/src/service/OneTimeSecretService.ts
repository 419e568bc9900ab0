import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { parseTicketId } from '@portico/plugin-servicedesk-common';
import type { ServicedeskDatabase } from '../database/ServicedeskStore';
import type { KnexOneTimeSecretStore } from '../database/KnexOneTimeSecretStore';
import type { Caller } from './AccessService';
import type { Clock } from './clock';

/** The only service allowed to leave a secret on a ticket: the scaffolder, running a service's automation. */
export const SECRET_WRITERS = ['plugin:scaffolder'];

export interface OneTimeSecretStatus {
  available: boolean;
  label?: string;
  revealedAt?: string;
}

/**
 * A secret an automation leaves on a ticket for its requester (a temporary password): sealed at rest with
 * AES-256-GCM, shown once to the requester and then erased. Nobody else (agents, admins) can read it.
 */
export class OneTimeSecretService {
  readonly #key: Buffer;

  constructor(
    private readonly options: {
      db: ServicedeskDatabase;
      secrets: KnexOneTimeSecretStore;
      clock: Clock;
      /** `servicedesk.secrets.encryptionKey`; without it a key per process (secrets do not survive a restart). */
      encryptionKey?: string;
    },
  ) {
    this.#key = options.encryptionKey
      ? createHash('sha256').update(options.encryptionKey).digest()
      : randomBytes(32);
  }

  #seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), data].map(b => b.toString('base64')).join('.');
  }

  #open(sealed: string): string {
    const [iv, tag, data] = sealed.split('.').map(p => Buffer.from(p, 'base64'));
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }

  async #request(ticketId: string) {
    const number = parseTicketId(ticketId);
    const record = number === undefined ? undefined : await this.options.db.requests.get(number);
    if (!record) throw new NotFoundError(`No request ${ticketId}`);
    return record;
  }

  async store(caller: Caller, ticketId: string, body: unknown): Promise<void> {
    if (caller.kind !== 'service' || !SECRET_WRITERS.includes(caller.ref)) {
      throw new NotAllowedError('Only the scaffolder leaves secrets on a ticket');
    }
    const { label, secret, forAccount } = (body ?? {}) as { label?: unknown; secret?: unknown; forAccount?: unknown };
    if (typeof label !== 'string' || label.length < 1 || label.length > 200) {
      throw new InputError('label: a text of 1 to 200 characters');
    }
    if (typeof secret !== 'string' || secret.length < 8 || secret.length > 1024) {
      throw new InputError('secret: a text of 8 to 1024 characters');
    }
    if (forAccount !== undefined && (typeof forAccount !== 'string' || !forAccount.includes('@'))) {
      throw new InputError('forAccount: the e-mail address of the account the secret opens');
    }
    const request = await this.#request(ticketId);
    // A password of an existing account goes only to that account's owner: whatever the template said, the ticket's
    // requester (known to the service desk, not to the template) must be the account holder.
    if (
      typeof forAccount === 'string' &&
      forAccount.toLocaleLowerCase('en-US') !== request.requesterEmail?.toLocaleLowerCase('en-US')
    ) {
      throw new NotAllowedError(`forAccount: the requester of ${ticketId} is not the holder of ${forAccount}`);
    }
    if (!request.requesterRef) throw new ConflictError(`${ticketId} has no requester in the catalog to reveal it to`);
    if (['resolved', 'closed', 'cancelled'].includes(request.status)) {
      throw new ConflictError(`${ticketId} is ${request.status}`);
    }
    const stored = await this.options.secrets.put({
      requestNumber: request.number,
      label,
      sealed: this.#seal(secret),
      storedBy: caller.ref,
      storedAt: this.options.clock.now(),
    });
    if (!stored) throw new ConflictError(`The secret of ${ticketId} was already revealed`);
  }

  async status(caller: Caller, ticketId: string): Promise<OneTimeSecretStatus> {
    const request = await this.#request(ticketId);
    if (caller.ref !== request.requesterRef) return { available: false };
    const record = await this.options.secrets.get(request.number);
    if (!record) return { available: false };
    return {
      available: !record.revealedAt,
      label: record.label,
      ...(record.revealedAt ? { revealedAt: new Date(record.revealedAt).toISOString() } : {}),
    };
  }

  async reveal(caller: Caller, ticketId: string): Promise<{ label: string; secret: string }> {
    const request = await this.#request(ticketId);
    if (caller.kind !== 'user' || caller.ref !== request.requesterRef) {
      throw new NotAllowedError(`Only the requester of ${ticketId} can reveal its secret`);
    }
    const record = await this.options.secrets.get(request.number);
    if (!record) throw new NotFoundError(`${ticketId} has no secret`);
    const sealed = await this.options.secrets.take(request.number, caller.ref, this.options.clock.now());
    if (!sealed) throw new ConflictError(`The secret of ${ticketId} was already revealed`);
    return { label: record.label, secret: this.#open(sealed) };
  }
}
