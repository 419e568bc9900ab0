import express from 'express';
import { InputError } from '@backstage/errors';

/**
 * `express.json` whose parse failures are 400s that name the field like every other Portico
 * 400: a body that is not a JSON object (`true`, `1`, `null`, broken JSON) is `body: ...`.
 */
export function jsonBody(options: { limit: string | number }): express.RequestHandler {
  const parse = express.json({ limit: options.limit, strict: true });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.parse.failed') {
        next(new InputError(`body: must be a JSON object (${(error as Error).message})`));
        return;
      }
      next(error as Error | undefined);
    });
}
