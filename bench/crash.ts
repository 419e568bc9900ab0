/*
 * Crash: the backend killed with SIGKILL at random moments while users write, on PostgreSQL.
 *
 * A real backend (bench/crash/backend.ts, a child process) on fresh databases; writers go
 * through the REST API as the demo users: applications and subscriptions (apim), promotion
 * requests approved by another user and deployed by the scaffolder (promotions), tickets, some
 * with an automation (service desk). The backend is killed 5 times at random moments and
 * started again; then the writers stop, the bench waits for the relays and followers to
 * settle, and checks:
 *  - every outbox row was delivered to the events target (recorded by a subscriber,
 *    bench/crash/recorder.ts) at least once; deliveries beyond the first are counted
 *    (consumers deduplicate on the event id);
 *  - every committed change has exactly one event (by type and subject), and every write the
 *    API acknowledged was committed;
 *  - no duplicate effect: one scaffolder task per deployment attempt and per automation;
 *  - nothing stuck: no promotion APPROVED or DEPLOYING without a live attempt, no automation
 *    still running, no undelivered outbox row.
 * It prints a table of the checks (0 is the goal of each "problem" row).
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/crash.ts
 *
 * Env: PORTICO_BENCH_KILLS 5, PORTICO_BENCH_CRASH_WRITERS 3 (per kind), PORTICO_BENCH_PORT 7295,
 * PORTICO_BENCH_SETTLE_SECONDS 420 (longest wait for the followers after the last restart: a
 * scaffolder task cut by a kill is failed by the scaffolder's janitor after 3 minutes without a
 * heartbeat, app-config.yaml scaffolder.taskTimeout, then followed).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Knex } from 'knex';
import {
  BackendProcess,
  backendReady,
  Engine,
  logger,
  postgresEngine,
  sleep,
  startBackend,
  stopBackend,
  tokenFor,
  until,
} from './lib/harness';

const env = (name: string, fallback: number) => Number(process.env[`PORTICO_BENCH_${name}`] ?? fallback);
const KILLS = env('KILLS', 5);
const WRITERS = env('CRASH_WRITERS', 3);
const PORT = env('PORT', 7295);
const SETTLE_MS = env('SETTLE_SECONDS', 420) * 1000;
const BASE = `http://localhost:${PORT}`;
const PG_PREFIX = 'portico_crash_bench_';
const PLUGINS = ['apim', 'promotions', 'servicedesk'] as const;
const log = logger('crash');

interface Ack {
  kind: 'application' | 'subscription' | 'promotion' | 'approval' | 'ticket';
  id: string;
}

class Writers {
  readonly acks: Ack[] = [];
  readonly failures = new Map<string, number>();
  private tokens = new Map<string, string>();
  private stopped = false;
  private running: Promise<void>[] = [];
  private n = 0;

  async signIn() {
    for (const user of ['alice', 'bob']) this.tokens.set(user, await tokenFor(BASE, user));
  }

  private async call(user: string, method: string, url: string, body?: unknown): Promise<any> {
    const res = await fetch(`${BASE}${url}`, {
      method,
      headers: { authorization: `Bearer ${this.tokens.get(user)}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    // While it starts, the backend answers 503, and 404 for the routes of plugins not up yet.
    if (res.status === 503 || (res.status === 404 && !text)) throw new Error(`backend starting: ${res.status}`);
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 200)}`);
    return JSON.parse(text);
  }

  private failed(what: string, error: unknown) {
    // Refused connections while the backend is down are expected, and so is a response cut by
    // the kill (undici's "terminated": the socket closed mid-body); anything else is named.
    const text = String((error as Error)?.message ?? error);
    const key = /fetch failed|ECONNREFUSED|ECONNRESET|socket|aborted|timeout|terminated|backend starting/i.test(text) ? `${what}: backend down` : `${what}: ${text.slice(0, 160)}`;
    this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
  }

  private loop(what: string, step: (n: number) => Promise<void>) {
    this.running.push(
      (async () => {
        while (!this.stopped) {
          const n = this.n++;
          try {
            await step(n);
          } catch (error) {
            this.failed(what, error);
            await sleep(500);
          }
          await sleep(100);
        }
      })(),
    );
  }

  start() {
    for (let w = 0; w < WRITERS; w++) {
      this.loop('apim', async n => {
        const app = await this.call('alice', 'POST', '/api/apim/applications', {
          name: `crash-app-${process.pid}-${n}`,
          owner: 'group:default/payments-team',
          environments: ['sandbox'],
        });
        this.acks.push({ kind: 'application', id: app.id });
        const sub = await this.call('alice', 'POST', '/api/apim/subscriptions', {
          applicationId: app.id,
          apiRef: 'api:default/payments-api',
          plan: 'free',
          environment: 'sandbox',
        });
        this.acks.push({ kind: 'subscription', id: sub.id });
      });
      this.loop('promotions', async n => {
        const request = await this.call('alice', 'POST', '/api/promotions/requests', {
          componentRef: 'component:default/payments-gateway',
          version: `9.${process.pid}.${n}`,
          justification: 'Crash bench: a release under fire',
          rollbackPlan: 'Redeploy the previous version',
        });
        this.acks.push({ kind: 'promotion', id: request.id });
        await this.call('bob', 'POST', `/api/promotions/requests/${request.id}/approve`, {});
        this.acks.push({ kind: 'approval', id: request.id });
      });
      this.loop('servicedesk', async n => {
        const body =
          n % 3 === 0
            ? { service: 'incident_report', title: `Crash bench incident ${n}`, formData: { severity: 'low', affectedService: 'payments' } }
            : { service: 'hardware_request', title: `Crash bench laptop ${n}`, formData: { item: 'laptop', quantity: 1, deliveryLocation: 'HQ' } };
        const ticket = await this.call('alice', 'POST', '/api/servicedesk/requests', body);
        this.acks.push({ kind: 'ticket', id: ticket.ticketId });
      });
    }
  }

  async stop() {
    this.stopped = true;
    await Promise.all(this.running);
  }
}

interface Recorded {
  id: string;
  type: string;
  subject: string;
}

function readRecord(file: string): Recorded[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(line => line.trim())
    .flatMap(line => {
      try {
        return [JSON.parse(line) as Recorded];
      } catch {
        // The last line of a killed writer may be cut: its event is delivered again later.
        return [];
      }
    });
}

async function start(engine: Engine, recordFile: string, logFile: string): Promise<BackendProcess> {
  const backend = startBackend({
    script: 'bench/crash/backend.ts',
    port: PORT,
    logFile,
    env: { PORTICO_CRASH_RECORD: recordFile },
    config: {
      backend: { database: engine.config },
      portico: { events: { relay: { intervalSeconds: 2 } } },
    },
  });
  await until('the backend', 600_000, () => backendReady(BASE), backend);
  await until('the demo users in the catalog', 600_000, async () => Boolean(await tokenFor(BASE, 'bob')), backend);
  return backend;
}

async function outboxRows(db: Knex) {
  return db('portico_outbox').select('id', 'type', 'subject', 'delivered_at', 'dead_at', 'attempts', 'last_error');
}

async function settle(dbs: Record<string, Knex>) {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < SETTLE_MS) {
    // A shared server may refuse a connection for a moment: wait and ask again.
    const state = await settleState(dbs).catch(error => `(${String(error?.message ?? error).slice(0, 80)})`);
    if (state === 'settled') return `settled in ${((Date.now() - started) / 1000).toFixed(0)} s`;
    last = state;
    await sleep(3000);
  }
  return `not settled after ${SETTLE_MS / 1000} s (${last})`;
}

async function settleState(dbs: Record<string, Knex>): Promise<string> {
  const undelivered = await Promise.all(
    PLUGINS.map(async p => Number((await dbs[p]('portico_outbox').whereNull('delivered_at').count({ c: '*' }))[0].c)),
  );
  const moving = Number(
    (await dbs.promotions('promotion_requests').whereIn('state', ['APPROVED', 'DEPLOYING']).count({ c: '*' }))[0].c,
  );
  const running = Number((await dbs.servicedesk('servicedesk_actions').where('status', 'running').count({ c: '*' }))[0].c);
  if (undelivered.every(n => n === 0) && moving === 0 && running === 0) return 'settled';
  return `undelivered ${undelivered.join('/')}, promotions moving ${moving}, automations running ${running}`;
}

async function main() {
  const engine = await postgresEngine(PG_PREFIX);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-crash-'));
  const recordFile = path.join(dir, 'delivered.jsonl');
  const logFile = path.join(dir, 'backend.log');
  const dbs = Object.fromEntries(PLUGINS.map(p => [p, engine.pluginDb(p)])) as Record<(typeof PLUGINS)[number], Knex>;
  const scaffolder = engine.pluginDb('scaffolder');
  const writers = new Writers();
  let backend: BackendProcess | undefined;
  const kills: string[] = [];
  try {
    log(`starting the backend (log: ${logFile})`);
    backend = await start(engine, recordFile, logFile);
    await writers.signIn();
    writers.start();
    for (let k = 1; k <= KILLS; k++) {
      // Kill while writes flow: once a few were acknowledged since the (re)start (a loaded
      // machine can take long for the first), then at a random moment within 10 s.
      const since = writers.acks.length;
      const waitStart = Date.now();
      while (writers.acks.length < since + 3 && Date.now() - waitStart < 180_000) await sleep(500);
      await sleep(Math.floor(Math.random() * 10_000));
      const after = Date.now() - waitStart;
      const acked = writers.acks.length;
      backend.child.kill('SIGKILL');
      await new Promise(resolve => backend!.child.once('exit', resolve));
      kills.push(`kill ${k} after ${(after / 1000).toFixed(1)} s (${acked} writes acknowledged so far)`);
      log(kills[kills.length - 1]);
      const restart = Date.now();
      backend = await start(engine, recordFile, logFile);
      log(`restarted in ${((Date.now() - restart) / 1000).toFixed(0)} s`);
    }
    await sleep(10_000);
    await writers.stop();
    log('writers stopped; waiting for the relays and followers');
    const settled = await settle(dbs);
    log(settled);

    // 1. Outbox rows against what the events target received.
    const recorded = readRecord(recordFile);
    const deliveries = new Map<string, number>();
    for (const r of recorded) deliveries.set(r.id, (deliveries.get(r.id) ?? 0) + 1);
    const rows = (await Promise.all(PLUGINS.map(async p => (await outboxRows(dbs[p])).map(r => ({ ...r, plugin: p }))))).flat();
    const outboxIds = new Set(rows.map(r => r.id));
    const never = rows.filter(r => !deliveries.has(r.id));
    const redelivered = rows.filter(r => (deliveries.get(r.id) ?? 0) > 1);
    // Events of the other plugins' outboxes (portico, scaffolder notices) are delivered too.
    const others = [...deliveries.keys()].filter(id => !outboxIds.has(id));
    const undelivered = rows.filter(r => r.delivered_at === null);

    // 2. Committed changes and their events.
    const eventsOf = (type: string, subject: string) => rows.filter(r => r.type === type && r.subject === subject).length;
    const applications: string[] = (await dbs.apim('apim_applications').select('id')).map(r => r.id);
    const subscriptions: string[] = (await dbs.apim('apim_subscriptions').select('id')).map(r => r.id);
    const promotions: Array<{ id: string; state: string }> = await dbs.promotions('promotion_requests').select('id', 'state');
    const approvals: string[] = (await dbs.promotions('promotion_approvals').select('request_id')).map(r => r.request_id);
    const tickets: string[] = (await dbs.servicedesk('servicedesk_requests').select('ticket_id')).map(r => r.ticket_id);
    const notOne = (type: string, subjects: string[]) => subjects.filter(s => eventsOf(type, s) !== 1);
    const committed = {
      application: new Set(applications),
      subscription: new Set(subscriptions),
      promotion: new Set(promotions.map(p => p.id)),
      approval: new Set(approvals),
      ticket: new Set(tickets),
    };
    const lostAcks = writers.acks.filter(a => !committed[a.kind].has(a.id));

    // 3. Duplicate effects: scaffolder tasks per deployment attempt and per automation.
    const attempts: Array<{ id: string; request_id: string; status: string; task_id: string | null }> = await dbs
      .promotions('promotion_deployment_attempts')
      .select('id', 'request_id', 'status', 'task_id');
    const tasks: Array<{ spec: string; status: string; id: string }> = await scaffolder('tasks').select('id', 'spec', 'status');
    const tasksPer = new Map<string, number>();
    for (const task of tasks) {
      const parameters = JSON.parse(task.spec)?.parameters ?? {};
      const key = parameters.attemptId ?? parameters.actionId ?? parameters.ticketId;
      if (typeof key === 'string') tasksPer.set(key, (tasksPer.get(key) ?? 0) + 1);
    }
    const doubleTasks = [...tasksPer.entries()].filter(([, n]) => n > 1);
    // Tasks whose worker died with the backend: the scaffolder's janitor fails them once their
    // heartbeat is older than scaffolder.taskTimeout, and the followers move their work on.
    const staleTasks = (
      await scaffolder('task_events').where('body', 'like', '%marked as stale%').distinct('task_id')
    ).length;
    const actions: Array<{ id: string; status: string; task_id: string | null; request_number: number }> = await dbs
      .servicedesk('servicedesk_actions')
      .select('id', 'status', 'task_id', 'request_number');

    // 4. Stuck work.
    const liveAttempt = (requestId: string) => attempts.some(a => a.request_id === requestId && ['requested', 'running'].includes(a.status));
    const stuckPromotions = promotions.filter(p => (p.state === 'DEPLOYING' || p.state === 'APPROVED') && !liveAttempt(p.id));
    const movingPromotions = promotions.filter(p => p.state === 'DEPLOYING' || p.state === 'APPROVED');
    const runningActions = actions.filter(a => a.status === 'running');
    const autoTickets: number[] = (
      await dbs.servicedesk('servicedesk_requests').where('service_slug', 'incident_report').select('number')
    ).map(r => Number(r.number));
    const withoutAction = autoTickets.filter(n => !actions.some(a => Number(a.request_number) === n));

    const table = [
      `Crash on PostgreSQL: ${KILLS} kills (SIGKILL), ${WRITERS} writers per kind; ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map(v => v.toFixed(2))
        .join(' ')}; ${settled}`,
      ...kills.map(k => `- ${k}`),
      '',
      '| check | count | goal |',
      '|---|---:|---|',
      `| writes acknowledged (applications, subscriptions, promotions, approvals, tickets) | ${writers.acks.length} | |`,
      `| writes refused or cut while the backend was down | ${[...writers.failures.entries()].filter(([k]) => k.endsWith('backend down')).reduce((s, [, n]) => s + n, 0)} | |`,
      `| other write errors | ${[...writers.failures.entries()].filter(([k]) => !k.endsWith('backend down')).reduce((s, [, n]) => s + n, 0)} | 0 |`,
      `| committed rows: applications / subscriptions / promotions / approvals / tickets | ${applications.length} / ${subscriptions.length} / ${promotions.length} / ${approvals.length} / ${tickets.length} | |`,
      `| outbox rows (apim, promotions, servicedesk) | ${rows.length} | |`,
      `| acknowledged writes not committed | ${lostAcks.length} | 0 |`,
      `| committed changes without exactly one event (application-created, subscription-created, request-created, request-approved, request-created ticket) | ${
        notOne('application-created', applications).length +
        notOne('subscription-created', subscriptions).length +
        notOne('request-created', promotions.map(p => p.id)).length +
        notOne('request-approved', approvals).length +
        notOne('request-created', tickets).length
      } | 0 |`,
      `| outbox rows never delivered to the events target | ${never.length} | 0 |`,
      `| outbox rows not marked delivered | ${undelivered.length} | 0 |`,
      `| events delivered more than once (redelivery after a kill; consumers deduplicate by id) | ${redelivered.length} | |`,
      `| delivered events of other plugins' outboxes | ${others.length} | |`,
      `| deployment attempts / automations | ${attempts.length} / ${actions.length} | |`,
      `| scaffolder tasks started twice for one attempt or automation | ${doubleTasks.length} | 0 |`,
      `| scaffolder tasks cut by a kill, failed by the scaffolder's janitor | ${staleTasks} | |`,
      `| promotions APPROVED or DEPLOYING with no live attempt | ${stuckPromotions.length} | 0 |`,
      `| promotions still APPROVED or DEPLOYING | ${movingPromotions.length} | 0 |`,
      `| automations still running | ${runningActions.length} | 0 |`,
      `| automatic tickets without an automation | ${withoutAction.length} | 0 |`,
    ];
    const other = [...writers.failures.entries()].filter(([k]) => !k.endsWith('backend down'));
    if (other.length) table.push('', 'Other write errors:', ...other.map(([k, n]) => `- ${n} x ${k}`));
    if (never.length) table.push('', `Never delivered (first 5): ${never.slice(0, 5).map(r => `${r.plugin} ${r.type} ${r.subject}`).join('; ')}`);
    if (stuckPromotions.length) table.push('', `Stuck promotions (first 5): ${stuckPromotions.slice(0, 5).map(p => `${p.id} ${p.state}`).join('; ')}`);
    // eslint-disable-next-line no-console
    console.log(table.join('\n'));
  } finally {
    await writers.stop();
    if (backend) await stopBackend(backend);
    await engine.cleanUp();
    if (!process.env.PORTICO_BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(String(error?.stack ?? error).slice(-3000));
  process.exit(1);
});
