import express from 'express';
import request from 'supertest';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { jsonBody } from './jsonBody';

function app() {
  const server = express();
  server.post('/things', jsonBody({ limit: '1kb' }), (req, res) => {
    res.status(201).json({ got: req.body });
  });
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return server;
}

const sendText = (text: string) =>
  request(app()).post('/things').set('Content-Type', 'application/json').send(text);

describe('jsonBody', () => {
  it('parses a JSON object', async () => {
    const res = await request(app()).post('/things').send({ name: 'x' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ got: { name: 'x' } });
  });

  it.each(['true', '1.5', 'null', '"text"', '{"unclosed":', 'not json'])(
    'refuses %j with a 400 that names the body',
    async text => {
      const res = await sendText(text);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(/^body: must be a JSON object/);
    },
  );

  it('keeps the size limit a 413', async () => {
    const res = await sendText(JSON.stringify({ big: 'x'.repeat(2000) }));
    expect(res.status).toBe(413);
  });
});
