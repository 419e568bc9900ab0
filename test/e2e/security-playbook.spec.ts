import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';

/**
 * The incident playbook on a real container: a Falco Critical about a running container opens an
 * incident ticket in the service desk; frank (security) runs the isolation template confirmed;
 * the container is snapshotted and stopped on the Docker Engine, and the result is on the
 * finding's page and on the ticket. Needs the Docker Engine scripts/env.sh ensure_docker starts
 * (skipped when none answers and none is required).
 */

const screenshotDir = path.resolve(
  __dirname,
  '../../test-results/e2e/screenshots',
);
const DEMO_CHOICE_KEY = 'portico.demoSignIn.user';
const FALCO_TOKEN = 'e2e-falco-token-0123456789';
const IMAGE = 'portico-test/busybox:1';
const socket = process.env.PORTICO_DOCKER_SOCKET ?? '/var/run/docker.sock';
const dockerEnv = { ...process.env, DOCKER_HOST: `unix://${socket}` };

function docker(...args: string[]): string {
  return execFileSync('docker', args, { env: dockerEnv, encoding: 'utf8' }).trim();
}

function dockerAnswers(): boolean {
  try {
    docker('version', '--format', '{{.Server.Version}}');
    return true;
  } catch {
    return false;
  }
}

/** No registry: the image is Debian's busybox-static in an otherwise empty root filesystem. */
function ensureImage() {
  try {
    docker('image', 'inspect', IMAGE);
  } catch {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-e2e-rootfs-'));
    fs.mkdirSync(path.join(root, 'bin'));
    fs.copyFileSync('/bin/busybox', path.join(root, 'bin/busybox'));
    for (const link of ['sh', 'sleep']) fs.symlinkSync('busybox', path.join(root, 'bin', link));
    execSync(`tar -C '${root}' -c . | docker import - ${IMAGE}`, { env: dockerEnv });
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function tokenOf(request: APIRequestContext, user: string) {
  const response = await request.get('/api/auth/demo/refresh', {
    headers: { 'x-portico-demo-user': user },
  });
  expect(response.status(), `demo token of ${user}`).toBe(200);
  return (await response.json()).backstageIdentity.token as string;
}

test('Security playbook: a Falco Critical opens a ticket; frank isolates the container; the result is on the finding and the ticket', async ({
  browser,
  request,
}, testInfo) => {
  test.skip(
    !dockerAnswers() && process.env.PORTICO_REQUIRE_DOCKER !== '1',
    `No Docker Engine answers on ${socket}`,
  );
  test.setTimeout(240_000);
  fs.mkdirSync(screenshotDir, { recursive: true });
  ensureImage();
  const name = `payments-gateway-e2e-${Date.now().toString(36)}`;
  const containerId = docker('run', '-d', '--init', '--name', name, IMAGE, '/bin/sleep', '600');
  let snapshot = '';
  const frank = await tokenOf(request, 'frank');
  const heidi = await tokenOf(request, 'heidi');
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  try {
    let findingId = '';
    let ticketId = '';
    await test.step('Falcosidekick posts a Critical about the container: a runtime finding and an incident ticket', async () => {
      const posted = await request.post('/api/security/falco', {
        headers: { authorization: `Bearer ${FALCO_TOKEN}` },
        data: {
          uuid: crypto.randomUUID(),
          output: `Critical A shell was spawned in a container (container_id=${containerId.slice(0, 12)} shell=sh)`,
          priority: 'Critical',
          rule: `Terminal shell in container (e2e ${name})`,
          time: new Date().toISOString(),
          source: 'syscall',
          hostname: os.hostname(),
          output_fields: {
            'container.id': containerId.slice(0, 12),
            'container.name': name,
            'container.image.repository': 'ghcr.io/acme/payments-gateway',
            'container.image.tag': '1.4.2',
            'proc.cmdline': 'sh -i',
          },
        },
      });
      expect(posted.status()).toBe(201);
      findingId = (await posted.json()).findingId;
      await expect
        .poll(
          async () => {
            const res = await request.get(`/api/security/findings/${findingId}`, { headers: as(frank) });
            const incident = (await res.json()).timeline?.find((e: any) => e.action === 'incident');
            ticketId = /(SD-\d+)/.exec(incident?.comment ?? '')?.[1] ?? '';
            return ticketId;
          },
          { timeout: 60_000, message: 'the incident ticket is opened by the security plugin' },
        )
        .toMatch(/^SD-\d{6,}$/);
    });

    await test.step('frank runs the isolation template, confirmed: snapshot, then stop', async () => {
      const created = await request.post('/api/scaffolder/v2/tasks', {
        headers: as(frank),
        data: {
          templateRef: 'template:default/security-isolate-container',
          values: {
            findingId,
            containerId,
            severity: 'critical',
            mode: 'auto',
            snapshot: true,
            reason: 'e2e: shell in payments-gateway',
            confirm: true,
          },
        },
      });
      expect(created.status()).toBe(201);
      const taskId = (await created.json()).id;
      await expect
        .poll(
          async () =>
            (await (await request.get(`/api/scaffolder/v2/tasks/${taskId}`, { headers: as(frank) })).json()).status,
          { timeout: 120_000, message: 'the isolation task ends' },
        )
        .toBe('completed');
      expect(docker('inspect', '-f', '{{.State.Status}}', containerId)).toBe('exited');
      snapshot = docker('images', '--format', '{{.Repository}}:{{.Tag}}', `portico-isolation/${name}`);
      expect(snapshot).toMatch(new RegExp(`^portico-isolation/${name}:\\d{8}t\\d{6}$`));
    });

    await test.step('the result is on the ticket (as plugin:security) and on the finding page', async () => {
      const ticket = await (await request.get(`/api/servicedesk/requests/${ticketId}`, { headers: as(heidi) })).json();
      expect(ticket.comments).toEqual([
        expect.objectContaining({
          author: 'plugin:security',
          body: expect.stringContaining(`Snapshot image: ${snapshot}`),
        }),
      ]);
      const context = await browser.newContext({
        baseURL: testInfo.project.use.baseURL,
        viewport: { width: 1400, height: 1000 },
      });
      try {
        const page = await context.newPage();
        await page.addInitScript(
          ([key, value]) => window.localStorage.setItem(key, value),
          [DEMO_CHOICE_KEY, 'frank'],
        );
        await page.goto(`/security/findings/${findingId}`);
        await expect(page.getByText(`isolated by user:default/frank`).first()).toBeVisible({ timeout: 60_000 });
        await page.screenshot({ path: path.join(screenshotDir, 'security-playbook-finding.png'), fullPage: true });
      } finally {
        await context.close();
      }
    });
  } finally {
    docker('rm', '-f', containerId);
    if (snapshot) docker('rmi', '-f', snapshot);
  }
});
