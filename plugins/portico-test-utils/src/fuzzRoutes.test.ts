import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { arbitraryFromZod, fuzzRoutes } from './fuzzRoutes';
import fc from 'fast-check';

const itemSchema = z
  .object({
    name: z.string().min(1).max(20).regex(/^[a-z]+$/),
    size: z.number().int().min(1).max(10),
    tags: z.array(z.enum(['a', 'b'])).max(2).optional(),
  })
  .strict();

/** A router with the three bugs the fuzzer must find, each behind its own path. */
function buggyApp() {
  const rows: string[] = [];
  const app = express();
  // Not strict: a bare `true` reaches the routes, whose validation names the body.
  app.use(express.json({ limit: '1mb', strict: false }));
  const validate = (body: unknown) => {
    const parsed = itemSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return `${issue.path.join('.') || 'body'}: ${issue.message}`;
    }
    return undefined;
  };
  // Trusts its input: a missing name is a TypeError, a 500.
  app.post('/crashes', (req, res) => {
    res.status(201).json({ upper: req.body.name.toUpperCase() });
  });
  // Writes before it validates.
  app.post('/writes-then-refuses', (req, res) => {
    rows.push('x');
    const problem = validate(req.body);
    if (problem) return res.status(400).json({ error: { message: problem } });
    return res.status(201).json({});
  });
  // Refuses without saying which field.
  app.post('/vague', (req, res) => {
    if (validate(req.body)) return res.status(400).json({ error: { message: 'Bad request' } });
    return res.status(201).json({});
  });
  app.post('/good', (req, res) => {
    const problem = validate(req.body);
    if (problem) return res.status(400).json({ error: { message: problem } });
    rows.push('x');
    return res.status(201).json({});
  });
  return { app, rows };
}

describe('fuzzRoutes', () => {
  it('finds a 5xx, a partial write and a 400 that names no field; passes a sound route', async () => {
    const { app, rows } = buggyApp();
    const report = await fuzzRoutes({
      request: (method, url, authorization) =>
        request(app)[method](url).set('Authorization', authorization),
      authorization: 'Bearer test',
      routes: ['/crashes', '/writes-then-refuses', '/vague', '/good'].map(path => ({
        method: 'post' as const,
        path,
        body: itemSchema,
      })),
      count: 30,
      seed: 1,
      countRows: async () => ({ items: rows.length }),
    });
    expect(report.failures.map(f => [f.route, f.problem])).toEqual([
      ['POST /crashes', '5xx'],
      ['POST /writes-then-refuses', 'rejected with 400 but wrote to items'],
      ['POST /vague', 'a 400 that names no field'],
    ]);
    // The sound route saw both valid and invalid input.
    expect(report.statuses['POST /good']).toEqual({ 201: expect.any(Number), 400: expect.any(Number) });
  });

  it('generates values that mostly pass the schema they come from', () => {
    const values = fc.sample(arbitraryFromZod(itemSchema), { numRuns: 50, seed: 3 });
    const valid = values.filter(v => itemSchema.safeParse(v).success);
    expect(valid.length).toBeGreaterThan(40);
  });
});
