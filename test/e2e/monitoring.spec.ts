import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

/**
 * Monitoring with real processes (started by scripts/e2e.sh, test/e2e/monitoring/stack.sh):
 * Prometheus scrapes a demo upstream that fails, its HighErrorRate rule fires, a real
 * Alertmanager posts the v4 webhook to Portico, the alert shows on payments-gateway; Grace (sre)
 * acknowledges it in the UI and the silence exists in Alertmanager's API; the upstream heals and
 * the alert resolves (the ack and the silence end with it).
 */

const screenshotDir = path.resolve(__dirname, '../../test-results/e2e/screenshots');
const UPSTREAM = process.env.PORTICO_E2E_UPSTREAM_URL;
const ALERTMANAGER = process.env.PORTICO_E2E_ALERTMANAGER_URL;

test.use({ actionTimeout: 30_000 });
test.skip(!UPSTREAM || !ALERTMANAGER, 'Prometheus/Alertmanager not started (scripts/e2e.sh starts them when installed)');

test.beforeAll(() => {
  fs.mkdirSync(screenshotDir, { recursive: true });
});

async function snap(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });
}

async function tokenOf(request: APIRequestContext, user: string) {
  const response = await request.get('/api/auth/demo/refresh', { headers: { 'x-portico-demo-user': user } });
  expect(response.status(), `demo token of ${user}`).toBe(200);
  return (await response.json()).backstageIdentity.token as string;
}

async function alertsOf(request: APIRequestContext, token: string, state: string) {
  const res = await request.get(
    `/api/monitoring/alerts?state=${state}&component=${encodeURIComponent('component:default/payments-gateway')}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(res.status()).toBe(200);
  return (await res.json()).items as Array<{ id: string; alertname: string; state: string; ack?: { silenceId?: string } }>;
}

test('Monitoring: a real alert reaches the component, grace acknowledges it with a silence, it resolves', async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(error.message));
  const token = await tokenOf(request, 'grace');
  let silenceId = '';

  await test.step('Prometheus fires HighErrorRate and Alertmanager delivers it to payments-gateway', async () => {
    await expect
      .poll(async () => (await alertsOf(request, token, 'firing')).map(a => a.alertname), {
        timeout: 150_000,
        intervals: [2_000],
        message: 'HighErrorRate arrives through Alertmanager and maps to payments-gateway',
      })
      .toContain('HighErrorRate');
  });

  await test.step('the alert shows on the component page; grace (sre) acknowledges it in the UI', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in as Grace Kim' }).click();
    await page.goto('/catalog/default/component/payments-gateway/alerts');
    const row = page.getByTestId('alert-HighErrorRate').first();
    await expect(row).toBeVisible();
    await expect(row).toContainText('critical');
    await snap(page, 'monitoring-1-component-alerts.png');
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    const dialog = page.getByRole('dialog', { name: /Acknowledge HighErrorRate/ });
    await expect(dialog).toContainText('Alertmanager will be silenced');
    await dialog.getByRole('textbox', { name: 'Comment' }).fill('Rolling back the payments release');
    await snap(page, 'monitoring-2-ack-dialog.png');
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('alert-HighErrorRate').first()).toContainText('acknowledged by grace');
    await snap(page, 'monitoring-3-acknowledged.png');
  });

  await test.step('the silence exists in Alertmanager, created by grace on the alert\'s labels', async () => {
    const [acked] = await alertsOf(request, token, 'acknowledged');
    silenceId = acked.ack!.silenceId!;
    expect(silenceId).toBeTruthy();
    const res = await request.get(`${ALERTMANAGER}/api/v2/silence/${silenceId}`);
    expect(res.status()).toBe(200);
    const silence = await res.json();
    expect(silence.status.state).toBe('active');
    expect(silence.createdBy).toBe('user:default/grace');
    expect(silence.matchers).toEqual(
      expect.arrayContaining([{ name: 'alertname', value: 'HighErrorRate', isRegex: false, isEqual: true }]),
    );
  });

  await test.step('the Metrics tab draws RED metrics from Prometheus; the rules tab lists the firing rule', async () => {
    await page.goto('/catalog/default/component/payments-gateway/metrics');
    // Five range queries to Prometheus on a busy machine: give them time.
    await expect(page.getByText('Request rate')).toBeVisible({ timeout: 90_000 });
    await expect(page.getByText('{service="payments-gateway"}')).toBeVisible();
    await expect(page.locator('.recharts-line').first()).toBeVisible({ timeout: 30_000 });
    await snap(page, 'monitoring-3b-metrics.png');
    await page.goto('/monitoring?view[tab]=rules');
    await expect(page.getByRole('row').filter({ hasText: 'HighErrorRate' })).toContainText('payments-gateway');
    await snap(page, 'monitoring-3c-rules.png');
  });

  await test.step('the monitoring page lists it with stats and filters in the URL', async () => {
    await page.goto('/monitoring?filters[state]=acknowledged');
    await expect(page.getByRole('heading', { name: 'Monitoring', level: 1 })).toBeVisible();
    await expect(page.getByTestId('alert-HighErrorRate').first()).toBeVisible();
    await expect(page.getByLabel('Alert statistics')).toContainText('MTTA');
    await snap(page, 'monitoring-4-page.png');
  });

  await test.step('the upstream heals: the alert resolves and the silence ends', async () => {
    expect((await request.post(`${UPSTREAM}/heal`)).status()).toBe(204);
    await expect
      .poll(async () => (await alertsOf(request, token, 'resolved')).map(a => a.alertname), {
        timeout: 120_000,
        intervals: [2_000],
        message: 'Alertmanager sends the resolved notification',
      })
      .toContain('HighErrorRate');
    await expect
      .poll(async () => (await (await request.get(`${ALERTMANAGER}/api/v2/silence/${silenceId}`)).json()).status.state, {
        timeout: 30_000,
      })
      .toBe('expired');
    await page.goto('/catalog/default/component/payments-gateway/alerts?filters[state]=resolved');
    await expect(page.getByTestId('alert-HighErrorRate').first()).toContainText('resolved');
    await snap(page, 'monitoring-5-resolved.png');
  });

  expect(pageErrors).toEqual([]);
});
