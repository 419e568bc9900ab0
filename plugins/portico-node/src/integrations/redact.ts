import type { LoggerService } from '@backstage/backend-plugin-api';

const MASK = '***';

/**
 * Replaces every secret (tokens, client secrets, generated passwords) in a text. Secrets shorter than 4 characters
 * are ignored: masking them would garble ordinary words.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const secret of secrets) this.add(secret);
  }

  add(secret: string | undefined): this {
    if (secret && secret.length >= 4) {
      this.#secrets.add(secret);
      // The same secret travels URL-encoded in query strings and form bodies.
      this.#secrets.add(encodeURIComponent(secret));
    }
    return this;
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) out = out.split(secret).join(MASK);
    return out;
  }

  /** A copy of the error whose message and stack no longer hold a secret. */
  redactError(error: unknown): Error {
    if (!(error instanceof Error)) return new Error(this.redact(String(error)));
    error.message = this.redact(error.message);
    if (error.stack) error.stack = this.redact(error.stack);
    return error;
  }

  /** A logger that masks the secrets in messages and metadata (the task log is readable by the task's viewers). */
  logger(logger: LoggerService): LoggerService {
    const clean = (meta?: Error | object) => {
      if (meta === undefined) return undefined;
      if (meta instanceof Error) return this.redactError(meta);
      return JSON.parse(this.redact(JSON.stringify(meta)));
    };
    const wrap = (l: LoggerService): LoggerService => ({
      error: (m, meta) => l.error(this.redact(m), clean(meta) as any),
      warn: (m, meta) => l.warn(this.redact(m), clean(meta) as any),
      info: (m, meta) => l.info(this.redact(m), clean(meta) as any),
      debug: (m, meta) => l.debug(this.redact(m), clean(meta) as any),
      child: meta => wrap(l.child(clean(meta) as any)),
    });
    return wrap(logger);
  }
}
