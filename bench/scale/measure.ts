/*
 * How bench/scale.ts times an endpoint: clients alternate a call of the endpoint with one of the
 * reference, and the table gives each endpoint's p95 over the reference's p95 in that window.
 */
import os from 'os';
import type { Endpoint } from './endpoints';

/** Where and how hard: the backend's base URL, requests per endpoint, concurrent clients. */
export interface Load {
  base: string;
  requests: number;
  clients: number;
}

export interface Timing {
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  firstError?: string;
}

export interface Result extends Timing {
  name: string;
  /** The reference, measured in the same window (its calls interleaved with the endpoint's). */
  reference: Timing;
  /** One-minute load average of the machine when the endpoint was measured. */
  load: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

class Sampler {
  readonly times: number[] = [];
  errors = 0;
  firstError?: string;

  constructor(private readonly base: string) {}

  async call(path: string, token: string) {
    const start = process.hrtime.bigint();
    try {
      const res = await fetch(`${this.base}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = await res.text();
      if (!res.ok) this.fail(`${res.status} ${body.slice(0, 200)}`);
    } catch (error) {
      // A refused or reset connection is an error of the run, counted like a 5xx; it does not
      // end the run (an earlier run lost its whole table to one reset).
      this.fail(String((error as Error)?.cause ?? error));
    }
    this.times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }

  private fail(reason: string) {
    this.errors++;
    this.firstError ??= reason;
  }

  timing(): Timing {
    const sorted = [...this.times].sort((x, y) => x - y);
    return {
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      p99: quantile(sorted, 0.99),
      errors: this.errors,
      firstError: this.firstError,
    };
  }
}

/**
 * The endpoint and the reference side by side: each client alternates one call of each, so
 * both see the same load of the machine (shared with others, it moves by the minute), and the
 * ratio compares what the endpoints cost rather than when they ran.
 */
export async function measure(
  endpoint: Endpoint,
  reference: Endpoint,
  token: string,
  { base, requests: REQUESTS, clients: CLIENTS }: Load,
): Promise<Result> {
  // Warm-up: the first calls pay for caches and JIT.
  const warmUp = new Sampler(base);
  for (let i = 0; i < Math.min(5, REQUESTS); i++) {
    await warmUp.call(endpoint.path(i), token);
    await warmUp.call(reference.path(i), token);
  }
  const own = new Sampler(base);
  const ref = new Sampler(base);
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (next < REQUESTS) {
        const i = next++;
        // Half the clients start with the reference, so neither always goes first.
        const order = client % 2 ? [ref, own] : [own, ref];
        for (const sampler of order) {
          await sampler.call(
            sampler === own ? endpoint.path(i) : reference.path(i),
            token,
          );
        }
      }
    }),
  );
  return {
    name: endpoint.name,
    ...own.timing(),
    reference: ref.timing(),
    load: os.loadavg()[0],
  };
}

/** The markdown table: `header` says what was seeded and how it was measured. */
export function table(
  header: string,
  results: Result[],
  loads: { start: number[]; end: number[] },
): string {
  const fmt = (l: number[]) => l.map(v => v.toFixed(2)).join(' ');
  const lines = [
    `${header}; ${os.cpus().length} cores, load average (1/5/15 min) ${fmt(
      loads.start,
    )} at start, ${fmt(loads.end)} at end`,
    `| endpoint | p50 ms | p95 ms | p99 ms | reference p95 ms | p95 / reference | load | errors |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|`,
  ];
  for (const r of results) {
    const ratio = r.p95 / r.reference.p95;
    const errors = r.errors + r.reference.errors;
    const firstError = r.firstError ?? r.reference.firstError;
    lines.push(
      `| ${r.name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(
        1,
      )} | ${r.p99.toFixed(1)} | ${r.reference.p95.toFixed(1)} | ` +
        `${ratio.toFixed(2)}${ratio > 1 ? ' ▲' : ''} | ${r.load.toFixed(
          1,
        )} | ${errors}${
          firstError ? ` (${firstError.replace(/\|/g, '/')})` : ''
        } |`,
    );
  }
  return lines.join('\n');
}
