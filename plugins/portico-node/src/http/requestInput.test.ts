import type express from 'express';
import { z } from 'zod';
import { InputError } from '@backstage/errors';
import { parseRequestInput, uuidParam } from './requestInput';

describe('parseRequestInput', () => {
  const schema = z.object({
    name: z.string().min(3),
    count: z.number().optional(),
  });

  it('returns the parsed value', () => {
    expect(parseRequestInput(schema, { name: 'abc', count: 2 })).toEqual({
      name: 'abc',
      count: 2,
    });
  });

  it('throws a 400 that names the field, and treats a missing body as empty', () => {
    expect(() => parseRequestInput(schema, { name: 'ab' })).toThrow(InputError);
    expect(() => parseRequestInput(schema, { name: 'ab' })).toThrow(/^name: /);
    expect(() => parseRequestInput(schema, undefined)).toThrow(/^name: /);
  });
});

describe('uuidParam', () => {
  const req = (id: string) =>
    ({ params: { id } } as unknown as express.Request);

  it('accepts a uuid and lower-cases it', () => {
    expect(uuidParam(req('6F1C2A9E-7B4D-4E8A-9C21-5D6F7A8B9C0D'))).toBe(
      '6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d',
    );
  });

  it('refuses anything else with a 400 naming the parameter', () => {
    expect(() => uuidParam(req('../etc'))).toThrow('id: not an id (uuid)');
  });
});
