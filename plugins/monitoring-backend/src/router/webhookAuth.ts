import { createHash, timingSafeEqual } from 'crypto';
import type express from 'express';
import { AuthenticationError, NotFoundError } from '@backstage/errors';

function digest(value: string) {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * The bearer token of a webhook (what Alertmanager's `http_config.authorization` sends). The
 * endpoint is off when no token is configured; digests make the comparison constant-time
 * whatever the lengths.
 */
export function checkWebhookToken(req: express.Request, expected: string | undefined, configKey: string) {
  if (!expected) throw new NotFoundError(`This webhook is off; set ${configKey} to turn it on`);
  const header = req.header('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match || !timingSafeEqual(digest(match[1].trim()), digest(expected))) {
    throw new AuthenticationError('Missing or wrong bearer token');
  }
}
