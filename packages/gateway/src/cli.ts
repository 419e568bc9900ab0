import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderNginxConfig } from './nginx/renderNginxConfig';
import { fetchGatewayRoutes } from './routes';
import { shipUsage } from './shipUsage';

const USAGE = `portico-gateway: put a gateway in front of the APIs of Portico's API portal.

  portico-gateway nginx --portico-url URL --out DIR [--listen 8080] [--auth-cache-seconds 5]
                        [--apis api:default/a,api:default/b] [--resolver 10.0.0.2]
      Writes DIR/portico-gateway.conf (include it in nginx's http block) and
      DIR/portico-auth.conf (the gateway's token; keep it private). Needs:
        PORTICO_TOKEN          a token that may read the API portal (GET /api/apim/apis)
        PORTICO_GATEWAY_TOKEN  the gateway's static token (backend.auth.externalAccess,
                               its subject listed in apim.gateway.allowedSubjects)

  portico-gateway ship-usage --portico-url URL --log FILE [--state FILE] [--every SECONDS]
      Sends the access log's new lines to Portico (usage charts, quotas). Needs
      PORTICO_GATEWAY_TOKEN. With --every, runs until stopped.
`;

function required(env: string): string {
  const value = process.env[env];
  if (!value) throw new Error(`${env} is not set`);
  return value;
}

/** The first name server of /etc/resolv.conf, for upstream host names resolved per request. */
async function systemResolver(): Promise<string | undefined> {
  try {
    const text = await fs.readFile('/etc/resolv.conf', 'utf8');
    const server = /^nameserver\s+(\S+)/m.exec(text)?.[1];
    return server && !server.includes(':') ? server : server && `[${server}]`;
  } catch {
    return undefined;
  }
}

async function nginx(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      'portico-url': { type: 'string' },
      out: { type: 'string' },
      listen: { type: 'string', default: '8080' },
      'auth-cache-seconds': { type: 'string', default: '5' },
      resolver: { type: 'string' },
      apis: { type: 'string' },
    },
  });
  if (!values['portico-url'] || !values.out) throw new Error(`--portico-url and --out are required\n\n${USAGE}`);
  const out = path.resolve(values.out);
  await fs.mkdir(path.join(out, 'cache'), { recursive: true });
  const only = values.apis ? new Set(values.apis.split(',').map(ref => ref.trim())) : undefined;
  const routes = (
    await fetchGatewayRoutes({ porticoUrl: values['portico-url'], token: required('PORTICO_TOKEN') })
  ).filter(route => !only || only.has(route.apiRef));
  const authInclude = path.join(out, 'portico-auth.conf');
  await fs.writeFile(
    authInclude,
    `proxy_set_header Authorization "Bearer ${required('PORTICO_GATEWAY_TOKEN').replace(/["\\$;]/g, '')}";\n`,
    { mode: 0o600 },
  );
  const config = renderNginxConfig(routes, {
    listen: values.listen!,
    porticoUrl: values['portico-url'],
    authCacheSeconds: Number(values['auth-cache-seconds']),
    authHeaderInclude: authInclude,
    cachePath: path.join(out, 'cache'),
    accessLogPath: path.join(out, 'access.log'),
    resolver: values.resolver ?? (await systemResolver()),
  });
  await fs.writeFile(path.join(out, 'portico-gateway.conf'), config);
  process.stdout.write(`Wrote ${path.join(out, 'portico-gateway.conf')}: ${routes.length} routes\n`);
}

async function ship(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      'portico-url': { type: 'string' },
      log: { type: 'string' },
      state: { type: 'string' },
      every: { type: 'string' },
    },
  });
  if (!values['portico-url'] || !values.log) throw new Error(`--portico-url and --log are required\n\n${USAGE}`);
  const run = () =>
    shipUsage({
      logFile: values.log!,
      stateFile: values.state ?? `${values.log}.portico-offset`,
      porticoUrl: values['portico-url']!,
      token: required('PORTICO_GATEWAY_TOKEN'),
    });
  if (!values.every) {
    const result = await run();
    process.stdout.write(`Shipped ${result.lines} lines in ${result.batches} batches\n`);
    return;
  }
  const seconds = Number(values.every);
  for (;;) {
    try {
      await run();
    } catch (error) {
      // Portico down: the offset did not move, the next round sends the same lines.
      process.stderr.write(`${(error as Error).message}\n`);
    }
    await new Promise(resolve => setTimeout(resolve, seconds * 1000));
  }
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'nginx') return nginx(rest);
  if (command === 'ship-usage') return ship(rest);
  process.stdout.write(USAGE);
  if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
  return undefined;
}
