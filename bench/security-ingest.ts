/*
 * Security report ingest (anchor: DefectDojo users report ~40 s for a 700-finding import): a
 * 5,000-vulnerability Trivy report through the security service (parse, normalise, fingerprint,
 * dedupe against the database, findings + occurrences + scan + outbox events, one transaction)
 * against a raw bulk insert of the same 5,000 finding rows. Then the same payload again
 * (idempotent: nothing written) and a new scan of the same image reporting the same findings
 * (all "seen again"). SQLite (a file, as the embedded default) and PostgreSQL.
 *
 *   npm run bench
 *   PORTICO_BENCH_VULNS=20000   (a larger report)
 *   PORTICO_BENCH_ROUNDS=5      (more rounds; medians are printed)
 *
 * Goal: ingest ≤ 2× the raw insert; the re-ingest of the same report ≤ 1× the first. Prints numbers only.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { randomUUID } from 'crypto';
import knexFactory, { Knex } from 'knex';
import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { KnexOutboxStore, OutboxPublisher } from '@portico/portico-node';
import { trivyReportSchema } from '@portico/plugin-security-common';
import {
  KnexSecurityDatabase,
  severityRank,
} from '../plugins/security-backend/src/database/KnexSecurityDatabase';
import { readSecuritySettings } from '../plugins/security-backend/src/config';
import {
  IngestService,
  payloadHash,
} from '../plugins/security-backend/src/service/IngestService';
import { normalizeTrivy } from '../plugins/security-backend/src/service/normalize';
import { ConfigReader } from '@backstage/config';

const VULNS = Number(process.env.PORTICO_BENCH_VULNS ?? 5_000);
/** Rounds of each measurement; the median is printed (a shared machine's load varies a lot). */
const ROUNDS = Number(process.env.PORTICO_BENCH_ROUNDS ?? 3);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((a, b) => a + b, 0);
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

const quietLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};
const auditor: AuditorService = {
  createEvent: async () => ({ success: async () => {}, fail: async () => {} }),
} as AuditorService;

function report(createdAt: string, vulns = VULNS, tag = '1.0.0') {
  return {
    SchemaVersion: 2,
    CreatedAt: createdAt,
    ArtifactName: `ghcr.io/acme/big-image:${tag}`,
    ArtifactType: 'container_image',
    Metadata: {
      RepoDigests: [`ghcr.io/acme/big-image@sha256:${'ab'.repeat(32)}`],
    },
    Results: [
      {
        Target: `ghcr.io/acme/big-image:${tag} (debian 12.5)`,
        Class: 'os-pkgs',
        Type: 'debian',
        Vulnerabilities: Array.from({ length: vulns }, (_, i) => ({
          VulnerabilityID: `CVE-2024-${String(10000 + i)}`,
          PkgName: `lib-package-${i % 700}`,
          InstalledVersion: `1.${i % 50}.0`,
          FixedVersion: `1.${i % 50}.1`,
          Severity: SEVERITIES[i % 4],
          Title: `lib-package-${i % 700}: a flaw number ${i}`,
          Description: `A flaw was found in lib-package-${i % 700}. `.repeat(6),
          PrimaryURL: `https://avd.aquasec.com/nvd/cve-2024-${10000 + i}`,
          CVSS: { nvd: { V3Score: 5 + (i % 5) } },
        })),
      },
    ],
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

async function bench(engine: string, knex: Knex, rawKnex: Knex) {
  const db = await KnexSecurityDatabase.create({ knex });
  const settings = readSecuritySettings(new ConfigReader({}));
  const ingest = new IngestService({
    db,
    events: new OutboxPublisher(new KnexOutboxStore(knex)),
    auditor,
    logger: quietLogger,
    settings,
    clock: { now: () => Date.now() },
  });
  const run = (body: ReturnType<typeof report>) =>
    ingest.ingest(
      'external:ci',
      normalizeTrivy(trivyReportSchema.parse(body)),
      payloadHash('trivy', body),
    );

  // The raw insert: the same rows, prepared beforehand, one transaction, batches of 100.
  await KnexSecurityDatabase.create({ knex: rawKnex });
  const toRows = (b: ReturnType<typeof report>) =>
    normalizeTrivy(trivyReportSchema.parse(b)).findings.map(f => ({
      id: randomUUID(),
      fingerprint: f.fingerprint,
      scanner: 'trivy',
      kind: f.kind,
      rule_id: f.ruleId,
      title: f.title,
      description: f.description ?? null,
      severity: f.severity,
      severity_rank: severityRank(f.severity),
      cvss_score: f.cvssScore ?? null,
      pkg_name: f.pkgName ?? null,
      installed_version: f.installedVersion ?? null,
      fixed_version: f.fixedVersion ?? null,
      target: f.target ?? null,
      primary_url: f.primaryUrl ?? null,
      artifact: b.ArtifactName,
      repository: 'ghcr.io/acme/big-image',
      state: 'open',
      revision: 0,
      occurrences: 1,
      first_seen_at: 1,
      last_seen_at: 1,
      updated_at: 1,
    }));
  const raw = (b: ReturnType<typeof report>) => {
    const rows = toRows(b);
    return timed(() =>
      rawKnex.transaction(async trx =>
        trx.batchInsert('security_findings', rows, 100),
      ),
    );
  };

  // Both paths warm first (a small report of another image): the JIT of the schema, the driver
  // and knex's compilers is a once-per-process cost, not the ingest's.
  const warm = report('2026-12-04T00:00:00Z', 200, 'warm-up');
  await run(warm);
  await raw(warm);

  // Rounds alternate the two paths on a fresh image each (a first ingest every time), so that
  // both meet the same machine load; the medians are compared.
  const firsts: number[] = [];
  const raws: number[] = [];
  let body = report('2026-12-05T00:00:00Z');
  for (let round = 0; round < ROUNDS; round++) {
    body = report('2026-12-05T00:00:00Z', VULNS, `1.0.${round}`);
    const [first, firstMs] = await timed(() => run(body));
    if (first.duplicate || total(first.opened) !== VULNS)
      throw new Error(`${engine}: unexpected summary of a first ingest`);
    firsts.push(firstMs);
    raws.push((await raw(body))[1]);
  }
  const [again, againMs] = await timed(() => run(body));
  const rescanBody = report('2026-12-06T00:00:00Z', VULNS, `1.0.${ROUNDS - 1}`);
  const [rescan, rescanMs] = await timed(() => run(rescanBody));
  if (!again.duplicate || total(rescan.seenAgain) !== VULNS)
    throw new Error(`${engine}: unexpected summaries`);
  const firstMs = median(firsts);
  const rawMs = median(raws);
  const ratios = firsts.map((ms, i) => ms / raws[i]);

  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    [
      engine.padEnd(14),
      `ingest ${s(firstMs)}`,
      `| raw insert ${s(rawMs)}`,
      `| ratio ${median(ratios).toFixed(2)} (rounds ${ratios
        .map(r => r.toFixed(2))
        .join(', ')})`,
      `| same payload again ${s(againMs)} (${(againMs / firstMs).toFixed(
        3,
      )}× the first)`,
      `| new scan, all seen again ${s(rescanMs)}`,
    ].join('  '),
  );
}

async function main() {
  console.log(`Security ingest, a Trivy report of ${VULNS} vulnerabilities`);
  const dir = mkdtempSync(join(tmpdir(), 'portico-bench-security-'));
  const sqlite = (name: string) =>
    knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, name) },
      useNullAsDefault: true,
    });
  const [a, b] = [sqlite('security.sqlite'), sqlite('raw.sqlite')];
  try {
    await bench('SQLite 3', a, b);
  } finally {
    await a.destroy();
    await b.destroy();
    rmSync(dir, { recursive: true, force: true });
  }

  const url =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432';
  const admin = knexFactory({ client: 'pg', connection: url });
  const stamp = Date.now();
  const names = [
    `portico_bench_security_${stamp}`,
    `portico_bench_security_raw_${stamp}`,
  ];
  try {
    for (const name of names) await admin.raw(`CREATE DATABASE ${name}`);
  } catch (error) {
    console.log(
      `PostgreSQL      skipped: cannot reach ${url} (${
        (error as Error).message
      })`,
    );
    await admin.destroy();
    return;
  }
  const [pg, pgRaw] = names.map(name =>
    knexFactory({
      client: 'pg',
      connection: `${url.replace(/\/$/, '')}/${name}`,
    }),
  );
  try {
    await bench('PostgreSQL', pg, pgRaw);
  } finally {
    await pg.destroy();
    await pgRaw.destroy();
    for (const name of names)
      await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
    await admin.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
