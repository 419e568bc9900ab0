import { timingSafeEqual, createHash } from 'crypto';
import type { RequestHandler } from 'express';
import { porticoRegistry } from './registry';

function sameSecret(a: string, b: string): boolean {
  // Hash first so that the comparison is constant-time whatever the lengths.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Serves the Prometheus exposition. With a token configured (production), a scraper must
 * send `Authorization: Bearer <token>`.
 */
export function metricsEndpoint(options: { token?: string }): RequestHandler {
  return async (req, res) => {
    if (options.token) {
      const header = req.header('authorization') ?? '';
      const match = /^Bearer\s+(.+)$/i.exec(header);
      if (!match || !sameSecret(match[1], options.token)) {
        res.status(401).set('WWW-Authenticate', 'Bearer').json({
          error: { name: 'AuthenticationError', message: 'A metrics token is required' },
        });
        return;
      }
    }
    res.set('Content-Type', porticoRegistry.contentType);
    res.send(await porticoRegistry.metrics());
  };
}
