import type express from 'express';
import type { z } from 'zod';
import { InputError } from '@backstage/errors';
import { describeZodError } from '@portico/plugin-promotions-common';

/** Parses a body or query with a -common schema; a 400 names the field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new InputError(describeZodError(result.error));
  return result.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid path parameter; a 400 names it. */
export function idParam(req: express.Request, name = 'id'): string {
  const value = req.params[name];
  if (!UUID.test(value ?? '')) throw new InputError(`${name}: not an id (uuid)`);
  return value.toLowerCase();
}
