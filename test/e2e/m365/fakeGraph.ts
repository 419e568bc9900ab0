import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * A local Microsoft Entra token endpoint and Microsoft Graph, over TLS (MSAL refuses an http
 * authority), speaking the documented API as far as m365:user:reset-password uses it: the OpenID
 * configuration and client-credentials token of `/{tenant}`, `GET /v1.0/users/{id | upn}` with
 * `$select`, `PATCH /v1.0/users/{id}` (204), and OData error bodies for anything else. Its
 * certificate is the one scripts/e2e.sh made with a throw-away CA (NODE_EXTRA_CA_CERTS of the backend).
 */
export interface GraphRequest {
  method: string;
  /** Path and query, decoded. */
  path: string;
  body?: any;
  authorization?: string;
}

export interface FakeGraphUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail: string;
  accountEnabled: boolean;
}

export async function startFakeGraph(options: {
  port: number;
  certFile: string;
  keyFile: string;
  tenantId: string;
  users: FakeGraphUser[];
}) {
  const requests: GraphRequest[] = [];
  const tokenRequests: URLSearchParams[] = [];
  const token = `fake-graph-token-${Date.now()}`;
  const origin = `https://localhost:${options.port}`;
  const odataError = (code: string, message: string) => JSON.stringify({ error: { code, message, innerError: {} } });

  const server = https.createServer(
    { cert: fs.readFileSync(options.certFile), key: fs.readFileSync(options.keyFile) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', origin);
        const text = Buffer.concat(chunks).toString('utf8');
        const send = (status: number, body?: string, type = 'application/json') => {
          res.writeHead(status, body ? { 'Content-Type': type } : {});
          res.end(body);
        };
        const tenant = `/${options.tenantId}`;
        if (req.method === 'GET' && url.pathname === `${tenant}/v2.0/.well-known/openid-configuration`) {
          send(
            200,
            JSON.stringify({
              token_endpoint: `${origin}${tenant}/oauth2/v2.0/token`,
              authorization_endpoint: `${origin}${tenant}/oauth2/v2.0/authorize`,
              end_session_endpoint: `${origin}${tenant}/oauth2/v2.0/logout`,
              issuer: `${origin}${tenant}/v2.0`,
              jwks_uri: `${origin}${tenant}/discovery/v2.0/keys`,
            }),
          );
          return;
        }
        if (req.method === 'POST' && url.pathname === `${tenant}/oauth2/v2.0/token`) {
          tokenRequests.push(new URLSearchParams(text));
          send(200, JSON.stringify({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token }));
          return;
        }
        if (!url.pathname.startsWith('/v1.0/')) {
          send(404, odataError('NotFound', `No route ${req.method} ${url.pathname}`));
          return;
        }
        requests.push({
          method: req.method ?? 'GET',
          path: decodeURIComponent(url.pathname + url.search),
          body: text ? JSON.parse(text) : undefined,
          authorization: req.headers.authorization,
        });
        if (req.headers.authorization !== `Bearer ${token}`) {
          send(401, odataError('InvalidAuthenticationToken', 'Access token is empty or invalid.'));
          return;
        }
        const match = /^\/v1\.0\/users\/([^/]+)$/.exec(url.pathname);
        const user = match
          ? options.users.find(u => [u.id, u.userPrincipalName.toLowerCase()].includes(decodeURIComponent(match[1]).toLowerCase()))
          : undefined;
        if (match && !user) {
          send(404, odataError('Request_ResourceNotFound', `Resource '${decodeURIComponent(match[1])}' does not exist.`));
        } else if (user && req.method === 'GET') {
          send(200, JSON.stringify({ '@odata.context': `${origin}/v1.0/$metadata#users/$entity`, ...user }));
        } else if (user && req.method === 'PATCH') {
          send(204);
        } else {
          send(400, odataError('Request_BadRequest', `Unsupported ${req.method} ${url.pathname}`));
        }
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    requests,
    tokenRequests,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
