import { z } from 'zod';
import { describeZodError } from './validation';

const schema = z.object({ name: z.string(), size: z.object({ n: z.number() }) }).strict();
const describe_ = (value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return describeZodError(result.error);
};

describe('describeZodError', () => {
  it('names the path of the field', () => {
    expect(describe_({ name: 'x', size: { n: 'one' } })).toMatch(/^size\.n: /);
  });

  it('names unrecognized keys', () => {
    expect(describe_({ name: 'x', size: { n: 1 }, extra: 1 })).toMatch(/^extra: /);
  });

  it('names the body when an unrecognized key is empty (found by fuzzing)', () => {
    expect(describe_({ name: 'x', size: { n: 1 }, '': 1 })).toMatch(/^body: Unrecognized key/);
  });

  it('names the body when the body is not an object', () => {
    expect(describe_(true)).toMatch(/^body: /);
  });
});
