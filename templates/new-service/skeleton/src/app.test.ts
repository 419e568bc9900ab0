import assert from 'node:assert/strict';
import { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createApp } from './app';

const server = createApp();
let base = '';
before(async () => {
  await new Promise<void>(resolve => server.listen(0, resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

test('health answers ok', async () => {
  const res = await fetch(`${base}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok' });
});

test('a greeting, and a 400 for a bad name', async () => {
  assert.deepEqual(await (await fetch(`${base}/v1/greetings/Ada`)).json(), { message: 'Hello, Ada!' });
  assert.equal((await fetch(`${base}/v1/greetings/%3Cscript%3E`)).status, 400);
});

test('RED metrics count requests by route pattern', async () => {
  await fetch(`${base}/v1/greetings/Bob`);
  const text = await (await fetch(`${base}/metrics`)).text();
  assert.match(text, /http_requests_total\{[^}]*route="\/v1\/greetings\/\{name\}"[^}]*code="200"[^}]*\} \d+/);
  assert.match(text, /http_request_duration_seconds_bucket/);
});
