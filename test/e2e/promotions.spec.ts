import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

/**
 * The promotion journey through the real UI: Alice (devops-acme) requests the promotion of
 * payments-gateway from STAGING to PROD; she sees no approve button on her own request and the
 * REST call answers 403; Bob (cpi-tenant-acme) approves it; the built-in executor runs the demo
 * template `promotion-deploy` through the scaffolder; the request shows DEPLOYED with its timeline.
 */

const screenshotDir = path.resolve(__dirname, '../../test-results/e2e/screenshots');
const DEMO_CHOICE_KEY = 'portico.demoSignIn.user';

test.use({ actionTimeout: 30_000 });

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

function sidebarLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'sidebar nav' }).getByRole('link', { name, exact: true }).last();
}

test('Promotions: devops requests, cannot approve their own, a CPI approves, the template deploys it', async ({
  page,
  browser,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(error.message));
  const version = `1.4.${Date.now() % 100000}`;
  let requestId = '';

  await test.step('the catalog has the templates; the deploy template is runnable by the promotions plugin alone', async () => {
    const token = await tokenOf(request, 'alice');
    const status = async (name: string) =>
      (
        await request.get(`/api/catalog/entities/by-name/template/default/${name}`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status();
    // Both come from the same location: once one is in, so is the other.
    await expect
      .poll(() => status('promotion-request'), { timeout: 90_000, message: 'the templates are in the catalog' })
      .toBe(200);
    // portico.io/runnable-by: plugin:promotions hides it from every user, so no user can start it.
    expect(await status('promotion-deploy')).toBe(404);
  });

  await test.step('Alice (devops-acme) requests the promotion of payments-gateway to PROD', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in as Alice Martin' }).click();
    await sidebarLink(page, 'Promotions').click();
    await expect(page).toHaveURL(/\/promotions(\?|$)/);
    await expect(page.getByRole('heading', { name: 'Promotions', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Request a promotion' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Request a promotion' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Component' }).fill('Payments');
    await page.getByRole('option', { name: /Payments gateway/ }).click();
    await dialog.getByRole('textbox', { name: 'Version or artifact' }).fill(version);
    await dialog.getByRole('textbox', { name: 'Git ref' }).fill(`v${version}`);
    await dialog.getByRole('textbox', { name: 'Justification' }).fill('Fixes the refund rounding bug reported by finance');
    await dialog.getByRole('textbox', { name: 'Rollback plan' }).fill('Promote the previous version again; no schema change');
    await snap(page, 'promotions-1-request-form.png');
    await dialog.getByRole('button', { name: 'Request promotion' }).click();

    await expect(page).toHaveURL(/\/promotions\/[0-9a-f-]{36}$/);
    requestId = new URL(page.url()).pathname.split('/').pop()!;
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Payments gateway ${version}`);
    await expect(page.getByLabel('State PENDING').first()).toBeVisible();
  });

  await test.step('she sees no approve button on her own request, and the REST call is refused', async () => {
    const main = page.getByRole('main');
    await expect(main).toContainText('You requested this promotion');
    await expect(main.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await expect(main.getByRole('button', { name: 'Reject' })).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Requested');
    await snap(page, 'promotions-2-own-request-no-approve.png');

    const token = await tokenOf(request, 'alice');
    const approve = await request.post(`/api/promotions/requests/${requestId}/approve`, {
      headers: { authorization: `Bearer ${token}` },
      data: {},
    });
    expect(approve.status()).toBe(403);
    const state = await request.get(`/api/promotions/requests/${requestId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await state.json()).state).toBe('PENDING');
  });

  await test.step('Bob (cpi-tenant-acme) finds it awaiting his approval and approves it', async () => {
    const context = await browser.newContext({
      baseURL: testInfo.project.use.baseURL,
      viewport: testInfo.project.use.viewport,
    });
    try {
      const bob = await context.newPage();
      bob.on('pageerror', error => pageErrors.push(error.message));
      await bob.addInitScript(([key, user]) => window.localStorage.setItem(key, user), [DEMO_CHOICE_KEY, 'bob']);
      // His home page counts what awaits his approval.
      await bob.goto('/');
      const widget = bob.getByLabel('Awaiting my approval count');
      await expect(widget).not.toHaveText('0');
      await expect(bob.getByRole('link', { name: new RegExp(`Payments gateway ${version.replace(/\./g, '\\.')}`) })).toBeVisible();
      await snap(bob, 'promotions-3a-home-awaiting-count.png');
      await bob.goto('/promotions?view=awaiting');
      const row = bob.getByRole('row').filter({ hasText: version });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('acme');
      await snap(bob, 'promotions-3-awaiting-bob.png');
      await row.getByRole('link', { name: new RegExp(version) }).click();
      await expect(bob).toHaveURL(new RegExp(`/promotions/${requestId}$`));
      await bob.getByRole('button', { name: 'Approve' }).click();
      const dialog = bob.getByRole('dialog', { name: 'Approve the promotion' });
      await dialog.getByRole('textbox', { name: 'Comment' }).fill('Load test evidence attached');
      await snap(bob, 'promotions-4-approve-dialog.png');
      await dialog.getByRole('button', { name: 'Approve' }).click();
      await expect(dialog).toBeHidden();
      await expect(bob.getByLabel(/State (DEPLOYING|DEPLOYED)/).first()).toBeVisible();
      await snap(bob, 'promotions-5-approved-deploying.png');
    } finally {
      await context.close();
    }
  });

  await test.step('the built-in executor runs the demo template: the request is DEPLOYED with its timeline', async () => {
    await page.reload();
    await expect(page.getByLabel('State DEPLOYED').first()).toBeVisible({ timeout: 120_000 });
    const timeline = page.getByRole('list', { name: 'Timeline' });
    for (const step of ['Requested', 'Approved', 'Deployment started', 'Deployed']) {
      await expect(timeline).toContainText(step);
    }
    await expect(timeline).toContainText('Load test evidence attached');
    const attempts = page.getByRole('row').filter({ hasText: 'scaffolder' });
    await expect(attempts).toContainText('succeeded');
    await expect(attempts.getByRole('link', { name: 'Task' })).toHaveAttribute('href', /\/create\/tasks\//);
    await snap(page, 'promotions-6-deployed-timeline.png');
  });

  await test.step("the component's page shows its promotions", async () => {
    await page.goto('/catalog/default/component/payments-gateway');
    const card = page.getByRole('list', { name: 'Promotions' });
    await expect(card).toContainText(`${version} → PROD`);
    await snap(page, 'promotions-7-component-card.png');
  });

  await test.step('through the promotion-request template, the action files as the template user; self-approval stays refused', async () => {
    const token = await tokenOf(request, 'carol');
    const headers = { authorization: `Bearer ${token}` };
    const task = await request.post('/api/scaffolder/v2/tasks', {
      headers,
      data: {
        templateRef: 'template:default/promotion-request',
        values: {
          component: 'component:default/ledger-service',
          version: `2.0.${Date.now() % 100000}`,
          justification: 'Quarterly ledger reconciliation release',
          rollbackPlan: 'Promote the previous ledger version again',
        },
      },
    });
    expect(task.status(), await task.text()).toBe(201);
    const taskId = (await task.json()).id as string;
    await expect
      .poll(async () => (await (await request.get(`/api/scaffolder/v2/tasks/${taskId}`, { headers })).json()).status, {
        timeout: 60_000,
      })
      .toBe('completed');
    const mine = await (await request.get('/api/promotions/requests?mine=true&limit=1', { headers })).json();
    const filed = mine.items[0];
    expect(filed).toMatchObject({
      componentRef: 'component:default/ledger-service',
      requestedBy: 'user:default/carol',
      state: 'PENDING',
    });
    // Carol is cpi-admin: she may approve others' requests, never the one she filed through the template.
    const self = await request.post(`/api/promotions/requests/${filed.id}/approve`, { headers, data: {} });
    expect(self.status()).toBe(403);
    expect((await self.json()).error.message).toContain('You requested this promotion');
  });

  expect(pageErrors).toEqual([]);
});
