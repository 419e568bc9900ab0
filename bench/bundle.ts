/*
 * Frontend weight: the production build of packages/app (total JS, initial JS, largest chunks,
 * raw and gzip) against the same app without Portico's plugins, built the same way.
 *
 * The baseline is a copy of packages/app (in a temporary folder) with no @portico package in
 * its package.json (the app discovers its plugins from its dependencies) and stubs in place of
 * the few Portico exports its sources import (the sidebar). Outputs are kept in
 * node_modules/.cache/portico-bench-bundle. It stands in for a stock @backstage/create-app app of the same
 * Backstage version: the same Backstage plugins and app shell, nothing of Portico; generating
 * a create-app app would need a registry install of its own.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/bundle.ts
 *
 * Env: PORTICO_BENCH_BUNDLE_SKIP_BUILD=1 measures packages/app/dist as built, and the baseline
 * kept from an earlier run (built when there is none).
 * Goal (issue 14): initial JS (gzip) at most 1.15 x the baseline's.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import { logger, ROOT } from './lib/harness';

const log = logger('bundle');
const APP = path.join(ROOT, 'packages/app');
const CACHE = path.join(ROOT, 'node_modules/.cache/portico-bench-bundle');
const APP_DIST = path.join(CACHE, 'app-dist');
const BASELINE_DIST = path.join(CACHE, 'baseline-dist');
const SKIP_BUILD = process.env.PORTICO_BENCH_BUNDLE_SKIP_BUILD === '1';

function build(dir: string) {
  const started = Date.now();
  execFileSync(process.execPath, [require.resolve('@backstage/cli/bin/backstage-cli'), 'package', 'build'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  log(`built ${path.relative(ROOT, dir)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * The app with no Portico plugin, built in a copy: the repository's root files and
 * packages/app are copied to a temporary folder (node_modules linked, not copied), the
 * @portico dependencies dropped from the copy's package.json and their imports stubbed, and
 * the copy built. The working tree is never written, so a bench killed mid-build leaves
 * nothing to undo.
 */
function buildBaseline() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-bench-baseline-'));
  try {
    for (const file of ['package.json', 'backstage.json', 'tsconfig.json', 'app-config.yaml']) {
      fs.copyFileSync(path.join(ROOT, file), path.join(work, file));
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'));
    const app = path.join(work, 'packages/app');
    fs.cpSync(APP, app, {
      recursive: true,
      filter: source => !['dist', 'node_modules'].includes(path.basename(source)) || path.dirname(source) !== APP,
    });
    if (fs.existsSync(path.join(APP, 'node_modules'))) {
      fs.symlinkSync(path.join(APP, 'node_modules'), path.join(app, 'node_modules'));
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8'));
    for (const name of Object.keys(pkg.dependencies)) {
      if (name.startsWith('@portico/')) delete pkg.dependencies[name];
    }
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(pkg, null, 2));
    stubPorticoImports(path.join(app, 'src'));
    build(app);
    fs.rmSync(BASELINE_DIST, { recursive: true, force: true });
    fs.cpSync(path.join(app, 'dist'), BASELINE_DIST, { recursive: true });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Replaces the named imports of @portico packages with stubs, in every source file under `dir`. */
function stubPorticoImports(dir: string) {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) files.push(full);
    }
  };
  walk(dir);
  const importPattern = /import\s*\{([^}]*)\}\s*from\s*'@portico\/[^']+';/g;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const names = new Set<string>();
    const stubbed = text.replace(importPattern, (_, list: string) => {
      list.split(',').map(n => n.trim()).filter(Boolean).forEach(n => names.add(n));
      return '';
    });
    if (names.size === 0) continue;
    // Upper-case names are ids (strings); the rest are components that render nothing.
    const stubs = [...names]
      .map(n => (/^[A-Z0-9_]+$/.test(n) ? `const ${n} = 'portico-stub-${n}';` : `const ${n} = (_props: any): any => null;`))
      .join('\n');
    fs.writeFileSync(file, `${stubs}\n${stubbed}`);
  }
}

interface Chunk {
  file: string;
  bytes: number;
  gzip: number;
}

function measure(dist: string) {
  const chunks: Chunk[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) {
        const content = fs.readFileSync(full);
        chunks.push({ file: path.relative(dist, full), bytes: content.length, gzip: zlib.gzipSync(content, { level: 9 }).length });
      }
    }
  };
  walk(dist);
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initialFiles = [...html.matchAll(/<script[^>]*src="([^"]+\.js)"/g)].map(m => m[1].replace(/^\//, ''));
  const initial = chunks.filter(c => initialFiles.some(f => f.endsWith(c.file)));
  const sum = (list: Chunk[], key: 'bytes' | 'gzip') => list.reduce((s, c) => s + c[key], 0);
  return {
    files: chunks.length,
    total: { bytes: sum(chunks, 'bytes'), gzip: sum(chunks, 'gzip') },
    initial: { bytes: sum(initial, 'bytes'), gzip: sum(initial, 'gzip'), files: initial.length },
    largest: [...chunks].sort((a, b) => b.bytes - a.bytes).slice(0, 5),
  };
}

const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

function main() {
  fs.mkdirSync(CACHE, { recursive: true });
  if (!SKIP_BUILD) build(APP);
  fs.rmSync(APP_DIST, { recursive: true, force: true });
  fs.cpSync(path.join(APP, 'dist'), APP_DIST, { recursive: true });
  if (!SKIP_BUILD || !fs.existsSync(BASELINE_DIST)) buildBaseline();
  const app = measure(APP_DIST);
  const base = measure(BASELINE_DIST);
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  const lines = [
    `Frontend bundle: packages/app vs the same app without Portico's plugins (production builds, gzip -9); ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map(v => v.toFixed(2))
      .join(' ')}`,
    '| | Portico app | without Portico | ratio |',
    '|---|---:|---:|---:|',
    `| JS files | ${app.files} | ${base.files} | |`,
    `| total JS | ${kib(app.total.bytes)} | ${kib(base.total.bytes)} | ${ratio(app.total.bytes, base.total.bytes)} |`,
    `| total JS gzip | ${kib(app.total.gzip)} | ${kib(base.total.gzip)} | ${ratio(app.total.gzip, base.total.gzip)} |`,
    `| initial JS (${app.initial.files} / ${base.initial.files} files) | ${kib(app.initial.bytes)} | ${kib(base.initial.bytes)} | ${ratio(app.initial.bytes, base.initial.bytes)} |`,
    `| initial JS gzip (goal: ratio ≤ 1.15) | ${kib(app.initial.gzip)} | ${kib(base.initial.gzip)} | ${ratio(app.initial.gzip, base.initial.gzip)} |`,
    '',
    'Largest chunks of the Portico app:',
    ...app.largest.map(c => `- ${c.file}: ${kib(c.bytes)} (${kib(c.gzip)} gzip)`),
  ];
  // eslint-disable-next-line no-console
  console.log(lines.join('\n'));
}

main();
