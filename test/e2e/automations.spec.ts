import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startFakeGraph } from './m365/fakeGraph';

/**
 * A password reset filed in the service desk runs m365:user:reset-password against a local
 * Microsoft Graph (and Entra token endpoint) over TLS: scripts/e2e.sh makes a throw-away CA and a
 * certificate for localhost, gives the CA to the backend (NODE_EXTRA_CA_CERTS) and points
 * portico.integrations.microsoftGraph at https://localhost:PORTICO_E2E_GRAPH_PORT. The test checks
 * the exact requests Graph received and that Alice, the requester, reveals the password once.
 */

const screenshotDir = path.resolve(__dirname, '../../test-results/e2e/screenshots');
const DEMO_CHOICE_KEY = 'portico.demoSignIn.user';
const TENANT = process.env.PORTICO_E2E_GRAPH_TENANT ?? '';
const tls = {
  cert: process.env.PORTICO_E2E_GRAPH_CERT ?? '',
  key: process.env.PORTICO_E2E_GRAPH_KEY ?? '',
  port: Number(process.env.PORTICO_E2E_GRAPH_PORT ?? 0),
};

test.use({ actionTimeout: 30_000 });

async function snap(page: Page, name: string) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });
}

test('Automations: a password reset runs against Microsoft Graph and the requester reveals it once', async ({
  page,
}) => {
  test.skip(!tls.cert || !TENANT || !tls.port, 'scripts/e2e.sh sets up the local Graph (TLS material and config)');
  test.setTimeout(240_000);
  const graph = await startFakeGraph({
    port: tls.port,
    certFile: tls.cert,
    keyFile: tls.key,
    tenantId: TENANT,
    users: [
      {
        id: '3f6b1c2e-7a4d-4e0b-9c55-0a1b2c3d4e5f',
        userPrincipalName: 'alice@portico.example',
        displayName: 'Alice Martin',
        mail: 'alice@portico.example',
        accountEnabled: true,
      },
    ],
  });
  try {
    const runId = Date.now().toString(36);
    await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [DEMO_CHOICE_KEY, 'alice']);

    await test.step('Alice files a password reset for her own account', async () => {
      await page.goto('/servicedesk');
      await page.getByRole('button', { name: 'Request Password reset' }).click();
      const dialog = page.getByRole('dialog', { name: 'Password reset' });
      await dialog.getByRole('textbox', { name: 'Summary' }).fill(`Locked out (${runId})`);
      await dialog.getByRole('textbox', { name: /^Account/ }).fill('alice@portico.example');
      await dialog.getByRole('button', { name: 'Submit request' }).click();
      await expect(page).toHaveURL(/\/servicedesk\/requests\/SD-\d{6}$/);
    });

    await test.step('the automation resets the password through Graph and resolves the ticket', async () => {
      const automation = page.getByTestId('automation');
      await expect(automation).toContainText('succeeded', { timeout: 120_000 });
      await expect(page.getByTestId('resolution')).toContainText('Password of alice@portico.example reset');

      // Client credentials at the tenant's token endpoint, for Graph's default scope.
      expect(graph.tokenRequests).toHaveLength(1);
      expect(graph.tokenRequests[0].get('grant_type')).toBe('client_credentials');
      expect(graph.tokenRequests[0].get('scope')).toBe(`https://localhost:${tls.port}/.default`);
      // Exactly the documented calls, in order: read the user, then PATCH its passwordProfile.
      expect(graph.requests.map(r => `${r.method} ${r.path}`)).toEqual([
        'GET /v1.0/users/alice@portico.example?$select=id,userPrincipalName,displayName,accountEnabled,mail',
        'PATCH /v1.0/users/3f6b1c2e-7a4d-4e0b-9c55-0a1b2c3d4e5f',
      ]);
      const patch = graph.requests[1].body;
      expect(Object.keys(patch)).toEqual(['passwordProfile']);
      expect(patch.passwordProfile.forceChangePasswordNextSignIn).toBe(true);
      expect(patch.passwordProfile.password).toMatch(/^.{16}$/);
      // The password is nowhere on the page before the reveal (not in the task output or the ticket).
      await expect(page.getByRole('main')).not.toContainText(patch.passwordProfile.password);
      await snap(page, 'automations-1-reset-done.png');
    });

    await test.step('Alice reveals the temporary password once', async () => {
      await page.getByRole('button', { name: 'Reveal' }).click();
      await expect(page.getByTestId('one-time-secret')).toHaveText(graph.requests[1].body.passwordProfile.password);
      await snap(page, 'automations-2-revealed.png');
      await page.reload();
      await expect(page.getByTestId('one-time-secret-revealed')).toContainText('no longer stored', { timeout: 60_000 });
      await expect(page.getByRole('button', { name: 'Reveal' })).toHaveCount(0);
    });
  } finally {
    await graph.close();
  }
});

test('Automations: portal admins see the scheduled runs, the seed examples paused, and run one now', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [DEMO_CHOICE_KEY, 'judy']);
  await page.goto('/schedules');
  // portico.schedules.examples: inserted disabled, nothing runs until an admin enables one.
  const summary = page.getByTestId('schedule-Morning summary');
  await expect(summary).toContainText('weekdays at 07:30 UTC', { timeout: 60_000 });
  await expect(summary).toContainText('never run');
  await expect(page.getByTestId('schedule-Daily Trivy scan')).toContainText('every day at 05:00 UTC');
  await expect(page.getByTestId('schedule-Weekly security report')).toContainText('every Monday at 07:00 UTC');
  await expect(page.getByRole('checkbox', { name: 'Enable Morning summary' })).not.toBeChecked();

  // Slack is not configured in the e2e: the run starts as the portal, its task fails, and the page says why.
  await page.getByRole('button', { name: 'Run Morning summary now' }).click();
  await expect(summary).toContainText(/running|failed/, { timeout: 60_000 });
  await expect(summary).toContainText('failed', { timeout: 120_000 });
  await snap(page, 'automations-3-schedules.png');
});
