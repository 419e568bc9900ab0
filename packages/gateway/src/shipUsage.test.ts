import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shipUsage } from './shipUsage';

function line(i: number) {
  return JSON.stringify({ time: '2026-12-05T10:00:00+00:00', application: 'app-1', api: 'api:default/x', environment: 'sandbox', status: 200, requestTime: i / 1000 });
}

describe('shipUsage', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'portico-ship-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('sends whole new lines in batches, resumes after the last one Portico took, and loses nothing when Portico is down', async () => {
    const log = path.join(dir, 'access.log');
    const state = path.join(dir, 'offset');
    await fs.writeFile(log, `${[1, 2, 3].map(line).join('\n')}\n${line(4).slice(0, 20)}`);
    const sent: Array<{ batchId: string; lines: unknown[] }> = [];
    let down = false;
    const fetch = (async (_url: string, init: RequestInit) => {
      if (down) return new Response('unavailable', { status: 503 });
      sent.push(JSON.parse(String(init.body)));
      return new Response('{}', { status: 200 });
    }) as unknown as typeof globalThis.fetch;
    const options = { logFile: log, stateFile: state, porticoUrl: 'http://portico', token: 't', batchSize: 2, fetch };

    expect(await shipUsage(options)).toEqual({ lines: 3, batches: 2 });
    expect(sent.map(b => b.lines.length)).toEqual([2, 1]);

    // The half-written line is finished, two more come; Portico is down at first.
    await fs.appendFile(log, `${line(4).slice(20)}\n${line(5)}\n`);
    down = true;
    await expect(shipUsage(options)).rejects.toThrow(/503/);
    down = false;
    expect(await shipUsage(options)).toEqual({ lines: 2, batches: 1 });
    expect(sent[2].lines).toEqual([JSON.parse(line(4)), JSON.parse(line(5))]);
    expect(new Set(sent.map(b => b.batchId)).size).toBe(3);
    expect(await shipUsage(options)).toEqual({ lines: 0, batches: 0 });
  });
});
