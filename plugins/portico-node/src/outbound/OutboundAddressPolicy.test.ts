import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import type { HostResolver } from './addresses';
import { OutboundConnectionError, OutboundTargetRefusedError } from './errors';
import { OutboundAddressPolicy } from './OutboundAddressPolicy';

const KEY = 'test.privateTargets';

function policy(privateTargets: JsonValue[] = [], resolver?: HostResolver) {
  return OutboundAddressPolicy.fromConfig(
    new ConfigReader({ test: { privateTargets } }),
    KEY,
    { resolver },
  );
}

/** An address of this machine that is not loopback, as a listed private target would be. */
function machineAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find(a => a && !a.internal && a.family === 'IPv4')?.address;
}

describe('OutboundAddressPolicy.isAllowed', () => {
  const none = policy();
  const at = (hostname: string, port = 443) => ({ hostname, port });

  it.each([
    '127.0.0.1',
    '::1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    'fd00::1',
    '100.64.1.1',
    '169.254.169.254',
    'fe80::1',
    '0.0.0.0',
    '::',
    '224.0.0.1',
    'ff02::1',
    '255.255.255.255',
    '192.0.2.10',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
    '2002:a00:1::',
    'not-an-address',
  ])('refuses %s by default', address => {
    expect(none.isAllowed(address, at('api.example.com'))).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700::6810:84e5', '::ffff:8.8.8.8'])(
    'allows public %s on any port',
    address => {
      expect(none.isAllowed(address, at('api.example.com', 8443))).toBe(true);
    },
  );

  it('opens a listed CIDR on its listed ports only', () => {
    const listed = policy([{ cidr: '10.20.0.0/16', ports: [443, 8080] }]);
    expect(listed.isAllowed('10.20.3.4', at('billing.internal', 443))).toBe(true);
    expect(listed.isAllowed('10.20.3.4', at('billing.internal', 8080))).toBe(true);
    expect(listed.isAllowed('::ffff:10.20.3.4', at('billing.internal', 8080))).toBe(true);
    expect(listed.isAllowed('10.20.3.4', at('billing.internal', 22))).toBe(false);
    expect(listed.isAllowed('10.21.0.1', at('billing.internal', 443))).toBe(false);
    expect(listed.isAllowed('192.168.1.1', at('billing.internal', 443))).toBe(false);
  });

  it('opens a listed host name (and *. suffix) on its ports, whatever private address it resolves to', () => {
    const listed = policy([
      { host: 'billing.internal', ports: [443] },
      { host: '*.corp.example', ports: [8080] },
    ]);
    expect(listed.isAllowed('10.1.2.3', at('billing.internal', 443))).toBe(true);
    expect(listed.isAllowed('10.1.2.3', at('BILLING.internal', 443))).toBe(true);
    expect(listed.isAllowed('10.1.2.3', at('billing.internal', 80))).toBe(false);
    expect(listed.isAllowed('10.1.2.3', at('other.internal', 443))).toBe(false);
    expect(listed.isAllowed('fd00::5', at('api.corp.example', 8080))).toBe(true);
    expect(listed.isAllowed('fd00::5', at('corp.example.evil', 8080))).toBe(false);
  });

  it('never opens loopback or link-local, even when listed', () => {
    const listed = policy([
      { cidr: '127.0.0.0/8', ports: [80] },
      { cidr: '169.254.0.0/16', ports: [80] },
      { cidr: '::/0', ports: [80] },
      { cidr: '0.0.0.0/0', ports: [80] },
      { host: 'localhost', ports: [80] },
      { host: '127.0.0.1', ports: [80] },
    ]);
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '169.254.169.254', 'fe80::1', '0.0.0.0']) {
      expect(listed.isAllowed(address, at('localhost', 80))).toBe(false);
      expect(listed.isAllowed(address, at(address, 80))).toBe(false);
    }
    // The same lists do open what they cover that is not loopback or link-local.
    expect(listed.isAllowed('10.0.0.1', at('x', 80))).toBe(true);
  });

  it.each([
    [{ cidr: '10.0.0.0/33', ports: [443] }, /test\.privateTargets\[0\]\.cidr/],
    [{ cidr: '10.0.0.0/8', ports: [] }, /test\.privateTargets\[0\]\.ports/],
    [{ cidr: '10.0.0.0/8', ports: [70000] }, /test\.privateTargets\[0\]\.ports: 70000/],
    [{ cidr: '10.0.0.0/8' }, /test\.privateTargets\[0\]\.ports/],
    [{ host: 'bad host', ports: [443] }, /test\.privateTargets\[0\]\.host/],
    [{ host: 'a.b', cidr: '10.0.0.0/8', ports: [443] }, /either host or cidr/],
    [{ ports: [443] }, /give host or cidr/],
  ])('refuses the config entry %j, naming the key', (entry, message) => {
    expect(() => policy([entry])).toThrow(message);
  });
});

describe('OutboundAddressPolicy.check', () => {
  it('checks IP literals without DNS, and refuses without naming the address', async () => {
    const resolver = jest.fn<ReturnType<HostResolver>, Parameters<HostResolver>>();
    const p = policy([], resolver);
    await expect(p.check(new URL('http://[::1]:8080/'), { timeoutMs: 1000 })).rejects.toThrow(NotAllowedError);
    const refusal = p.check(new URL('http://10.0.0.7/'), { timeoutMs: 1000 });
    await expect(refusal).rejects.toThrow(OutboundTargetRefusedError);
    await expect(refusal).rejects.toThrow(/^10\.0\.0\.7:80 is not an allowed outbound target: .* listed in test\.privateTargets/);
    await expect(p.check(new URL('https://8.8.8.8/'), { timeoutMs: 1000 })).resolves.toEqual([
      { address: '8.8.8.8', family: 4 },
    ]);
    expect(resolver).not.toHaveBeenCalled();
  });

  it('refuses a name when any of its addresses is refused, and does not name the address', async () => {
    const resolver: HostResolver = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.1.2.3', family: 4 },
    ];
    const attempt = policy([], resolver).check(new URL('https://api.example.com/'), { timeoutMs: 1000 });
    await expect(attempt).rejects.toThrow(OutboundTargetRefusedError);
    await expect(attempt).rejects.not.toThrow(/10\.1\.2\.3/);
  });

  it('refuses schemes other than http and https', async () => {
    await expect(policy().check(new URL('file:///etc/passwd'), { timeoutMs: 1000 })).rejects.toThrow(NotAllowedError);
  });

  it('answers one connection error for a name that does not resolve or resolves too slowly', async () => {
    const failing = policy([], async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    });
    const slow = policy([], () => new Promise(() => {}));
    const url = new URL('https://api.example.com/');
    const a = await failing.check(url, { timeoutMs: 100 }).catch(e => e);
    const b = await slow.check(url, { timeoutMs: 100 }).catch(e => e);
    expect(a).toBeInstanceOf(OutboundConnectionError);
    expect(b).toBeInstanceOf(OutboundConnectionError);
    expect(a.message).toBe(b.message);
    expect(a.message).not.toMatch(/ENOTFOUND|refused|timed out/i);
  });
});

const address = machineAddress();
const describeOnNetwork = address ? describe : describe.skip;

describeOnNetwork('OutboundAddressPolicy.request against a listed private target', () => {
  let server: http.Server;
  let silent: net.Server;
  let port: number;
  let silentPort: number;
  const hits: string[] = [];
  const sockets: net.Socket[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url!);
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://127.0.0.1/' }).end();
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
      }
    });
    await new Promise<void>(resolve => server.listen(0, address, resolve));
    port = (server.address() as AddressInfo).port;
    // Accepts connections and never answers: a "timed out" target.
    silent = net.createServer(socket => sockets.push(socket));
    await new Promise<void>(resolve => silent.listen(0, address, resolve));
    silentPort = (silent.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
    sockets.forEach(socket => socket.destroy());
    await new Promise(resolve => silent.close(resolve));
  });

  const listed = () => {
    const bits = address!.includes(':') ? 128 : 32;
    return [{ cidr: `${address}/${bits}`, ports: [port, silentPort, 1] }];
  };

  it('calls a listed target, pinned to the checked address whatever DNS says later', async () => {
    let lookups = 0;
    const p = policy(listed(), async () => {
      lookups++;
      return [{ address: lookups === 1 ? address! : '127.0.0.1', family: 4 }];
    });
    try {
      const response = await p.request({ url: new URL(`http://svc.test:${port}/a`), method: 'GET', timeoutMs: 2000 });
      expect(response.status).toBe(200);
      expect(response.body.toString()).toBe('hello');
      expect(lookups).toBe(1);
      expect(hits).toContain('/a');
    } finally {
      p.close();
    }
  });

  it('returns a redirect as it is', async () => {
    const p = policy(listed());
    try {
      const response = await p.request({ url: new URL(`http://${address}:${port}/redirect`), method: 'GET', timeoutMs: 2000 });
      expect(response.status).toBe(302);
    } finally {
      p.close();
    }
  });

  it('refuses the same target when it is not listed, and sends nothing', async () => {
    hits.length = 0;
    const p = policy();
    await expect(
      p.request({ url: new URL(`http://${address}:${port}/b`), method: 'GET', timeoutMs: 2000 }),
    ).rejects.toThrow(OutboundTargetRefusedError);
    expect(hits).toEqual([]);
  });

  it('gives the same error for a refused port and a port that never answers (no port scan)', async () => {
    const p = policy(listed());
    try {
      // Port 1: nothing listens, the connection is refused at once.
      const refused = await p
        .request({ url: new URL(`http://${address}:1/`), method: 'GET', timeoutMs: 300 })
        .catch(e => e);
      const timedOut = await p
        .request({ url: new URL(`http://${address}:${silentPort}/`), method: 'GET', timeoutMs: 300 })
        .catch(e => e);
      expect(refused).toBeInstanceOf(OutboundConnectionError);
      expect(timedOut).toBeInstanceOf(OutboundConnectionError);
      expect(refused.statusCode).toBe(502);
      expect(timedOut.statusCode).toBe(502);
      expect(refused.message.replace(/:\d+/, '')).toBe(timedOut.message.replace(/:\d+/, ''));
      expect(refused.message).not.toMatch(/ECONNREFUSED|refused|timed out|ETIMEDOUT/i);
    } finally {
      p.close();
    }
  });
});
