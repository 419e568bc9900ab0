import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

/**
 * The golden paths through the real UI:
 * - Alice (devops-acme, payments-team) runs new-service: the component and its API appear in the catalog,
 *   the API in the API portal with its plans, and she subscribes an application to it.
 * - She creates a sandbox with a 1-day TTL: it shows under "Expiring soon" with its 24 h notice; the test
 *   moves the lifecycle's clock (test hook of the e2e config) and the sandbox is torn down by the
 *   sandbox-teardown template, run by the lifecycle plugin (hidden from users; its first step,
 *   lifecycle:sandbox:verify, binds the task to the teardown the lifecycle started).
 */

const screenshotDir = path.resolve(__dirname, '../../test-results/e2e/screenshots');
test.use({ actionTimeout: 30_000 });
// The portal runs on a shared 2-core machine: pages of lazily loaded plugins may take a while.
const expectUi = expect.configure({ timeout: 60_000 });
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

async function waitForEntity(request: APIRequestContext, token: string, kindNamespaceName: string, timeout = 120_000) {
  await expect
    .poll(
      async () =>
        (
          await request.get(`/api/catalog/entities/by-name/${kindNamespaceName}`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).status(),
      { timeout, message: `${kindNamespaceName} is in the catalog` },
    )
    .toBe(200);
}

/** Picks a value in a scaffolder entity/owner picker (an autocomplete). */
async function pick(page: Page, label: RegExp, text: string, option: RegExp) {
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

async function nextStep(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
}

test('Golden paths: a new service one can subscribe to, a sandbox that tears itself down', async ({
  page,
  request,
}) => {
  test.setTimeout(420_000);
  const suffix = `${Date.now() % 1_000_000}`;
  const service = `quotes-${suffix}`;
  const sandbox = `try-${suffix}`;
  const alice = await tokenOf(request, 'alice');

  await test.step("the golden-path templates are in the catalog; the lifecycle's own are hidden from users", async () => {
    await waitForEntity(request, alice, 'template/default/new-service');
    await waitForEntity(request, alice, 'template/default/sandbox-environment');
    // All come from templates/all.yaml: once these are in, so are the lifecycle's. Those carry
    // portico.io/runnable-by: plugin:lifecycle, which hides them from every user (admins included), so no
    // user can start them; the lifecycle backend does, and their first step checks with it.
    const judy = await tokenOf(request, 'judy');
    for (const token of [alice, judy]) {
      for (const name of ['sandbox-provision', 'sandbox-teardown']) {
        const res = await request.get(`/api/catalog/entities/by-name/template/default/${name}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status(), `${name} is hidden from users`).toBe(404);
      }
    }
    const started = await request.post('/api/scaffolder/v2/tasks', {
      headers: { authorization: `Bearer ${alice}` },
      data: { templateRef: 'template:default/sandbox-teardown', values: { entityRef: 'resource:default/payments-db' } },
    });
    expect(started.ok(), 'a user cannot start the teardown template').toBe(false);
  });

  await test.step('Alice fills the new-service form and runs it', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in as Alice Martin' }).click();
    await page.goto('/create/templates/default/new-service');
    await page.getByRole('textbox', { name: /^Name/ }).fill(service);
    await page.getByRole('textbox', { name: /^Description/ }).fill('Quotes for shipping parcels, by weight and zone');
    await pick(page, /^Owner team/, 'payments', /payments-team|Payments team/i);
    await snap(page, 'golden-new-service-form.png');
    await nextStep(page);
    await expectUi(page.getByText('API plans')).toBeVisible();
    await snap(page, 'golden-new-service-api.png');
    await nextStep(page);
    await expectUi(page.getByText('Publish to')).toBeVisible();
    await page.getByRole('button', { name: 'Review' }).click();
    await snap(page, 'golden-new-service-review.png');
    await page.getByRole('button', { name: 'Create' }).click();
    await expectUi(page.getByText('Run completed', { exact: false }).or(page.getByRole('link', { name: 'The service in the catalog' }))).toBeVisible({ timeout: 120_000 });
    await expectUi(page.getByRole('link', { name: 'The service in the catalog' })).toBeVisible();
    await snap(page, 'golden-new-service-done.png');
  });

  await test.step('the component and its API appear, the API with its plans in the portal', async () => {
    await waitForEntity(request, alice, `component/default/${service}`);
    await waitForEntity(request, alice, `api/default/${service}-api`);
    const component = await (
      await request.get(`/api/catalog/entities/by-name/component/default/${service}`, {
        headers: { authorization: `Bearer ${alice}` },
      })
    ).json();
    expect(component.metadata.annotations).toMatchObject({
      'portico.io/tenant': 'acme',
      'portico.io/container-image': expect.stringContaining(service),
      'portico.io/health-url': expect.stringContaining('/health'),
      'portico.io/alert-selector': `service=${service}`,
      'portico.io/slo': expect.stringContaining('availability'),
    });
    await expect
      .poll(
        async () => {
          const res = await request.get(`/api/apim/apis/default/${service}-api`, {
            headers: { authorization: `Bearer ${alice}` },
          });
          return res.ok() ? ((await res.json()).plans ?? []).map((p: { name: string }) => p.name) : [];
        },
        { timeout: 120_000, message: 'the API portal lists the new API with its plans' },
      )
      .toEqual(['free', 'gold']);
    await page.goto(`/catalog/default/component/${service}`);
    await expectUi(page.getByRole('heading', { name: service }).first()).toBeVisible();
    await snap(page, 'golden-new-service-component.png');
  });

  await test.step('she subscribes an application of payments-team to it (plan free, sandbox)', async () => {
    const headers = { authorization: `Bearer ${alice}` };
    const app = await request.post('/api/apim/applications', {
      headers,
      data: { name: `client-${suffix}`, owner: 'group:default/payments-team', environments: ['sandbox'] },
    });
    expect(app.status()).toBe(201);
    const applicationId = (await app.json()).id;
    const subscription = await request.post('/api/apim/subscriptions', {
      headers,
      data: { applicationId, apiRef: `api:default/${service}-api`, plan: 'free', environment: 'sandbox' },
    });
    expect(subscription.status()).toBe(201);
    expect((await subscription.json()).state).toBe('active');
    await page.goto(`/applications/${applicationId}`);
    await expectUi(
      page.getByRole('table', { name: 'Subscriptions' }).getByRole('row', { name: new RegExp(`${service}-api free sandbox`) }),
    ).toBeVisible();
    await snap(page, 'golden-new-service-subscribed.png');
  });

  await test.step('she creates a sandbox with a 1-day TTL', async () => {
    await page.goto('/create/templates/default/sandbox-environment');
    await page.getByRole('textbox', { name: /^Name/ }).fill(sandbox);
    await pick(page, /^Owner team/, 'payments', /payments-team|Payments team/i);
    await page.getByRole('textbox', { name: /^Project/ }).fill('shipping');
    await page.getByRole('textbox', { name: /^Cost centre/ }).fill('CC-1042');
    await snap(page, 'golden-sandbox-form.png');
    await nextStep(page);
    await page.getByRole('button', { name: /Time to live/ }).or(page.getByLabel(/Time to live/)).first().click();
    await page.getByRole('option', { name: '1 day (a quick try)' }).click();
    await snap(page, 'golden-sandbox-lifetime.png');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await expectUi(page.getByRole('link', { name: 'The sandbox in the catalog' })).toBeVisible({ timeout: 120_000 });
  });

  const ref = `resource:default/sandbox-${sandbox}`;
  await test.step('the sandbox shows under Expiring soon with its 24 h notice', async () => {
    await waitForEntity(request, alice, `resource/default/sandbox-${sandbox}`);
    await expect
      .poll(
        async () => {
          const res = await request.get(`/api/lifecycle/resources/by-ref?entityRef=${ref}`, {
            headers: { authorization: `Bearer ${alice}` },
          });
          return res.ok() ? Boolean((await res.json()).notices['24h']) : false;
        },
        { timeout: 120_000, message: 'the lifecycle read the sandbox and sent its 24 h notice' },
      )
      .toBe(true);
    // In-app navigation (a full reload boots the whole app again, slow on a loaded machine).
    await page.goto('/');
    await page.getByRole('navigation', { name: 'sidebar nav' }).getByRole('link', { name: 'Lifecycle', exact: true }).click();
    await page.getByRole('textbox', { name: 'Cost centre' }).fill('CC-1042');
    await expectUi(page).toHaveURL(/filters%5BcostCenter%5D=CC-1042|filters\[costCenter\]=CC-1042/);
    const row = page.getByRole('table', { name: 'Expiring soon' }).getByRole('row').filter({ hasText: `sandbox-${sandbox}` });
    await expectUi(row).toBeVisible();
    await expectUi(row).toContainText('24 h ✓');
    await snap(page, 'golden-lifecycle-expiring.png');
    // The demo catalog's databases predate the tag rules: they are listed with what is missing.
    await page.getByRole('tab', { name: 'Tag violations' }).click();
    await expectUi(page.getByRole('table', { name: 'Tag violations' })).toContainText('Payments database');
    await snap(page, 'golden-lifecycle-violations.png');
    await page.getByRole('tab', { name: 'Cost centres' }).click();
    await expectUi(page.getByRole('table', { name: 'Cost centres' })).toContainText('CC-1042');
    await snap(page, 'golden-lifecycle-cost-centres.png');
    await page.getByRole('tab', { name: 'Expiring soon' }).click();
    await page.getByRole('link', { name: `sandbox-${sandbox} (namespace)` }).click();
    await expectUi(page.getByRole('table', { name: 'Lifecycle' })).toContainText('left');
    await snap(page, 'golden-lifecycle-card.png');
  });

  await test.step('when the clock passes its expiry, the teardown template runs and it is torn down', async () => {
    const moved = await request.post('/api/lifecycle/testing/clock', {
      headers: { authorization: `Bearer ${alice}` },
      data: { advanceMs: 25 * 3600_000 },
    });
    expect(moved.status()).toBe(200);
    await expect
      .poll(
        async () => {
          const res = await request.get(`/api/lifecycle/resources/by-ref?entityRef=${ref}`, {
            headers: { authorization: `Bearer ${alice}` },
          });
          return (await res.json()).state;
        },
        { timeout: 120_000, message: 'the sandbox is torn down' },
      )
      .toBe('torn-down');
    await page.reload();
    const card = page.getByRole('table', { name: 'Lifecycle' });
    await expectUi(card).toContainText('torn-down', { timeout: 60_000 });
    await expectUi(page.getByText(/torn-down · Torn down/)).toBeVisible();
    await snap(page, 'golden-lifecycle-torn-down.png');
  });
});
