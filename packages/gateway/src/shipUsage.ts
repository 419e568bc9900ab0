import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';

/** Where the shipper got to in the access log, kept beside it so that a restart resumes there. */
interface ShipState {
  /** Inode of the log file: a rotated log starts again from 0. */
  inode: number;
  offset: number;
}

async function readState(file: string): Promise<ShipState | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Sends the access-log lines written since the last run to Portico (`POST /api/apim/gateway/usage`),
 * in batches of at most `batchSize` lines. A batch's id is the hash of where it starts in which
 * file, so a batch sent again after a lost answer is counted once. The offset moves only after
 * Portico took the batch: nothing is lost when Portico is down, the next run sends it.
 */
export async function shipUsage(options: {
  logFile: string;
  stateFile: string;
  porticoUrl: string;
  token: string;
  batchSize?: number;
  fetch?: typeof fetch;
}): Promise<{ lines: number; batches: number }> {
  const doFetch = options.fetch ?? fetch;
  const batchSize = options.batchSize ?? 5_000;
  const stat = await fs.stat(options.logFile);
  const saved = await readState(options.stateFile);
  let offset = saved && saved.inode === stat.ino && saved.offset <= stat.size ? saved.offset : 0;
  if (offset >= stat.size) return { lines: 0, batches: 0 };

  const handle = await fs.open(options.logFile, 'r');
  let text: string;
  try {
    const buffer = Buffer.alloc(stat.size - offset);
    await handle.read(buffer, 0, buffer.length, offset);
    text = buffer.toString('utf8');
  } finally {
    await handle.close();
  }
  // Only whole lines: nginx may be writing the last one.
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  const rawLines = complete.split('\n').filter(Boolean);

  let shipped = 0;
  let batches = 0;
  for (let start = 0; start < rawLines.length; start += batchSize) {
    const chunk = rawLines.slice(start, start + batchSize);
    const lines = chunk.flatMap(line => {
      try {
        return [JSON.parse(line)];
      } catch {
        return []; // a line that is not JSON is not a request of ours
      }
    });
    const batchId = createHash('sha256')
      .update(`${stat.ino}:${offset}:${chunk.length}`)
      .digest('hex')
      .slice(0, 40);
    const response = await doFetch(`${options.porticoUrl.replace(/\/+$/, '')}/api/apim/gateway/usage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` },
      body: JSON.stringify({ batchId, lines }),
    });
    if (!response.ok) {
      throw new Error(`Portico refused the usage batch (${response.status}): ${await response.text()}`);
    }
    offset += Buffer.byteLength(`${chunk.join('\n')}\n`);
    await fs.writeFile(options.stateFile, JSON.stringify({ inode: stat.ino, offset } satisfies ShipState));
    shipped += chunk.length;
    batches += 1;
  }
  return { lines: shipped, batches };
}
