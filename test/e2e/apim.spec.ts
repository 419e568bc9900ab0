import fs from 'node:fs';
import path from 'node:path';
import {
  expect,
  test,
  type APIRequestContext,
  type Page,
} from '@playwright/test';
import { startEchoUpstream, UPSTREAM_BASE, type EchoUpstream } from './upstream';

/**
 * The APIM journey through the real UI: a devops user creates an application, subscribes it
 * to an auto plan, sees its key once, calls an operation from Try-It against a local upstream
 * this test starts, and reads the 200 and the code samples; then another user finds that the
 * application cannot be changed by them, neither in the UI nor through the API.
 *
 * Needs the portal of test/e2e/app-config.e2e.yaml, whose catalog holds `echo-api` (see
 * catalog/echo-api.yaml): its sandbox server is the upstream started here, on UPSTREAM_BASE
 * (a non-loopback address scripts/e2e.sh allow-lists in apim.tryIt.privateTargets).
 */

const screenshotDir = path.resolve(
  __dirname,
  '../../test-results/e2e/screenshots',
);
const DEMO_CHOICE_KEY = 'portico.demoSignIn.user';
const ECHO_API = 'echo-api';
const KEY_PLACEHOLDER = '<YOUR_API_KEY>';

let upstream: EchoUpstream;

// A missing control fails the step quickly instead of using up the whole test's time.
test.use({ actionTimeout: 30_000 });

test.beforeAll(async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  upstream = await startEchoUpstream();
});

test.afterAll(async () => {
  await upstream?.close();
});

async function snap(page: Page, name: string) {
  await page.screenshot({
    path: path.join(screenshotDir, name),
    fullPage: true,
  });
}

/** A demo user's Backstage token, for calling the backend directly. */
async function tokenOf(request: APIRequestContext, user: string) {
  const response = await request.get('/api/auth/demo/refresh', {
    headers: { 'x-portico-demo-user': user },
  });
  expect(response.status(), `demo token of ${user}`).toBe(200);
  return (await response.json()).backstageIdentity.token as string;
}

function sidebarLink(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name, exact: true })
    .last();
}

/** What only the application's managers may see on its page. */
function managerControls(page: Page) {
  const main = page.getByRole('main');
  return {
    edit: main.getByRole('button', { name: 'Edit', exact: true }),
    delete: main.getByRole('button', { name: 'Delete', exact: true }),
    subscribe: main.getByRole('button', { name: 'Subscribe to an API' }),
    unsubscribe: main.getByRole('button', { name: 'Unsubscribe' }),
    createKey: main.getByRole('button', { name: /^Create .* key$/ }),
    rotate: main.getByRole('button', { name: 'Rotate', exact: true }),
    revoke: main.getByRole('button', { name: 'Revoke', exact: true }),
  };
}

/**
 * Everything the portal's backend answers a page, to look for secrets in it: `mark()` says
 * where the answers received so far end, `since(mark)` reads those after it.
 */
function recordApiResponses(page: Page) {
  const bodies: Array<Promise<string>> = [];
  page.on('response', response => {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    bodies.push(
      response
        .text()
        .then(
          text => `${response.request().method()} ${response.url()}\n${text}`,
        )
        .catch(() => ''),
    );
  });
  return {
    mark: () => bodies.length,
    since: (mark = 0) => Promise.all(bodies.slice(mark)),
  };
}

test('APIM: create an application, subscribe, get a key once, Try-It, and other users cannot change it', async ({
  page,
  browser,
  request,
}, testInfo) => {
  test.setTimeout(330_000);
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(error.message));
  const apiResponses = recordApiResponses(page);

  const runId = Date.now().toString(36);
  const appName = `e2e-${runId}`;
  const description = `Created by the APIM end-to-end test (${runId})`;
  const messageId = `msg-${runId}`;
  let applicationId = '';
  let secret = '';
  /** Where the answers start that came after the secret was shown (it came once, then never). */
  let afterSecret = 0;

  await test.step('the portal knows echo-api and its plans', async () => {
    const token = await tokenOf(request, 'alice');
    // The catalog may still be reading its locations when the test starts.
    await expect
      .poll(
        async () =>
          (
            await request.get(`/api/apim/apis/default/${ECHO_API}`, {
              headers: { authorization: `Bearer ${token}` },
            })
          ).status(),
        { timeout: 60_000, message: 'echo-api is known to the apim backend' },
      )
      .toBe(200);
    // The API list reads apim's projection, synced from the catalog each minute.
    await expect
      .poll(
        async () =>
          (
            await (
              await request.get(`/api/apim/apis?search=echo`, {
                headers: { authorization: `Bearer ${token}` },
              })
            ).json()
          ).items?.map((a: { name: string }) => a.name),
        { timeout: 150_000, message: 'echo-api is in the API list (the projection)' },
      )
      .toContain(ECHO_API);
    const api = await (
      await request.get(`/api/apim/apis/default/${ECHO_API}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    expect(api.plans).toEqual([
      expect.objectContaining({
        name: 'free',
        approval: 'auto',
        environments: ['sandbox'],
      }),
    ]);
    expect(api.operations).toEqual([
      expect.objectContaining({ operationId: 'getMessage' }),
    ]);
  });

  await test.step('Alice (devops) creates an application owned by payments-team, in sandbox', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in as Alice Martin' }).click();
    await sidebarLink(page, 'Applications').click();
    await expect(page).toHaveURL(/\/applications(\?|$)/);
    await expect(
      page.getByRole('tab', { name: 'My applications', selected: true }),
    ).toBeVisible();
    await expect(
      page.getByRole('tab', { name: 'All applications' }),
    ).toBeVisible();

    // With no application yet, the empty list offers the same button as the header.
    await page.getByRole('button', { name: 'New application' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New application' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Name' }).fill(appName);
    await dialog
      .getByRole('textbox', { name: 'Description' })
      .fill(description);
    // Alice is in devops-acme and payments-team: she must pick one.
    const owner = dialog.getByRole('combobox', { name: 'Owner group' });
    await expect(
      owner.locator('option', { hasText: 'devops-acme' }),
    ).toHaveCount(1);
    await owner.selectOption({ label: 'payments-team' });
    await expect(owner).toHaveValue('group:default/payments-team');
    const sandbox = dialog.getByRole('checkbox', { name: 'Sandbox' });
    await sandbox.check();
    await expect(sandbox).toBeChecked();
    for (const other of ['Staging', 'Production']) {
      await dialog.getByRole('checkbox', { name: other }).uncheck();
      await expect(
        dialog.getByRole('checkbox', { name: other }),
      ).not.toBeChecked();
    }
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();

    const created = page.getByRole('dialog', { name: 'Application created' });
    await expect(created).toContainText(`${appName} belongs to payments-team`);
    await created.getByRole('button', { name: 'Close' }).click();
    await expect(created).toBeHidden();

    // The list reads itself again: the new application is among Alice's.
    const row = page.getByRole('row').filter({ hasText: appName });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(description);
    // The owner is a link to the group, by its title.
    await expect(
      row.getByRole('link', { name: 'Payments team' }),
    ).toHaveAttribute('href', /\/catalog\/default\/group\/payments-team$/);
    await expect(row).toContainText('by alice');
    await snap(page, 'apim-applications.png');

    await row.getByRole('link', { name: appName }).click();
    await expect(page).toHaveURL(/\/applications\/[^/?#]+$/);
    applicationId = decodeURIComponent(
      new URL(page.url()).pathname.split('/').pop()!,
    );
    await expect(
      page.getByRole('heading', { level: 1, name: appName }),
    ).toBeVisible();
    await expect(page.getByRole('main')).toContainText(applicationId);
  });

  await test.step('she subscribes it to echo-api, plan free, in sandbox: active at once', async () => {
    const main = page.getByRole('main');
    await expect(main.getByText('No subscriptions yet')).toBeVisible();
    // She manages it: the owner's controls are there.
    const controls = managerControls(page);
    await expect(controls.edit).toBeVisible();
    await expect(controls.delete).toBeVisible();

    await controls.subscribe.click();
    const dialog = page.getByRole('dialog', {
      name: `Subscribe ${appName} to an API`,
    });
    await expect(dialog).toBeVisible();
    // The API picker searches as one types (its input is a textbox inside a combobox).
    const apiInput = dialog.getByRole('textbox', { name: 'API' });
    await apiInput.fill('echo');
    await page
      .getByRole('option', { name: new RegExp(`api:default/${ECHO_API}`) })
      .click();
    await expect(apiInput).toHaveValue('Echo API');
    const free = dialog.getByRole('radio', { name: 'Free' });
    await free.check();
    await expect(free).toBeChecked();
    await expect(
      dialog.getByRole('radiogroup', { name: 'Plan' }),
    ).toContainText('active at once');
    const environment = dialog.getByRole('combobox', { name: 'Environment' });
    await environment.selectOption('sandbox');
    await expect(environment).toHaveValue('sandbox');
    await expect(dialog).toContainText('The subscription is active at once');
    await dialog
      .getByRole('button', { name: 'Subscribe', exact: true })
      .click();
    await expect(dialog).toBeHidden();

    await expect(
      main.getByRole('alert').filter({ hasText: 'Subscribed to' }),
    ).toContainText(
      `Subscribed to ${ECHO_API} (free) in Sandbox: it is active.`,
    );
    const subscription = main
      .getByRole('table', { name: 'Subscriptions' })
      .getByRole('row', { name: `${ECHO_API} free sandbox` });
    await expect(subscription).toBeVisible();
    await expect(subscription.getByRole('cell').nth(4)).toContainText(
      /^active/,
    );
  });

  await test.step('she creates a sandbox key and sees its secret once', async () => {
    const keys = page.getByRole('region', { name: 'Sandbox keys' });
    await expect(keys).toContainText('No active key in Sandbox.');
    await keys.getByRole('button', { name: 'Create Sandbox key' }).click();
    const create = page.getByRole('dialog', { name: 'New Sandbox key' });
    await expect(create).toBeVisible();
    await expect(create.getByRole('combobox', { name: 'Expires' })).toHaveValue(
      '90',
    );
    await create.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByRole('dialog', {
      name: 'Your new Sandbox API key',
    });
    await expect(shown).toBeVisible();
    await expect(create).toBeHidden();
    await expect(shown).toContainText(
      'Copy this key now: you will not see it again.',
    );
    const secretText = shown.getByLabel('API key secret');
    await expect(secretText).toHaveText(/^pt_sbx_\S{16,}$/);
    secret = (await secretText.textContent())!.trim();
    expect(secret).toMatch(/^pt_sbx_/);
    await snap(page, 'apim-secret.png');

    await shown.getByRole('button', { name: 'I have copied the key' }).click();
    await expect(shown).toBeHidden();
    // The answer to the creation was the only one to carry it.
    expect(
      (await apiResponses.since()).filter(body => body.includes(secret)),
    ).toEqual([
      expect.stringMatching(
        new RegExp(`^POST \\S+/api/apim/applications/${applicationId}/keys\\n`),
      ),
    ]);
    afterSecret = apiResponses.mark();

    // The list shows the key by its prefix and last four characters only.
    const table = keys.getByRole('table', { name: 'Sandbox keys' });
    await expect(table.getByRole('row')).toHaveCount(2); // header + the new key
    const key = table.getByRole('row').nth(1);
    const display = (await key.getByRole('cell').first().textContent())!.trim();
    const [prefix, last4, ...rest] = display.split('…');
    expect(rest, `"${display}" is prefix…last4`).toEqual([]);
    expect(prefix).toMatch(/^pt_sbx_/);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(last4).toBe(secret.slice(-4));
    expect(display.length).toBeLessThan(secret.length);
    await expect(key).toContainText('active');
    await expect(key).toContainText('by alice');

    // Once closed, the secret is nowhere: not in the DOM, not in the browser's storage.
    await expect
      .poll(() => page.content(), { message: 'the secret left the page' })
      .not.toContain(secret);
    const storage = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(storage).not.toContain(secret);

    // And reading the page again does not bring it back.
    await page.reload();
    await expect(
      page
        .getByRole('table', { name: 'Sandbox keys' })
        .getByRole('row', { name: display }),
    ).toBeVisible();
    await expect(
      page
        .getByRole('table', { name: 'Subscriptions' })
        .getByRole('row', { name: `${ECHO_API} free sandbox` }),
    ).toBeVisible();
    expect(await page.content()).not.toContain(secret);
    await snap(page, 'apim-application.png');
  });

  await test.step('Try-It calls getMessage in sandbox as the application, through Portico', async () => {
    // From the subscription to the API's page, then its Try It tab.
    await page
      .getByRole('table', { name: 'Subscriptions' })
      .getByRole('link', { name: 'Echo API' })
      .click();
    await expect(page).toHaveURL(
      new RegExp(`/catalog/default/api/${ECHO_API}$`),
    );
    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Try It', exact: true })
      .click();
    await expect(page).toHaveURL(
      new RegExp(`/catalog/default/api/${ECHO_API}/try-it$`),
    );

    const requestCard = page.getByRole('main');
    const operation = requestCard.getByRole('combobox', { name: 'Operation' });
    await operation.selectOption({
      label: 'GET /messages/{id} — Get a message',
    });
    await expect(operation).toHaveValue('GET /messages/{id}');

    const environment = requestCard.getByRole('combobox', {
      name: 'Environment',
    });
    // Sandbox is the only environment with a server: the console starts on it.
    await expect(environment).toHaveValue('sandbox');
    await expect(environment.locator('option')).toHaveText(['Sandbox']);
    const server = requestCard.getByRole('combobox', { name: 'Server' });
    await expect(server).toHaveValue(`${UPSTREAM_BASE}/echo`);

    const application = requestCard.getByRole('combobox', {
      name: 'Call as application',
    });
    await application.selectOption({ label: appName });
    await expect(application).toHaveValue(applicationId);
    await expect(requestCard).toContainText(
      "Portico adds this application's Sandbox key on the server",
    );

    const idField = requestCard.getByRole('textbox', { name: /^id\b/ });
    await expect(idField).toHaveValue('msg_42'); // the definition's example
    await idField.fill(messageId);
    await expect(requestCard.getByLabel('Request URL')).toHaveText(
      `${UPSTREAM_BASE}/echo/messages/${messageId}`,
    );

    const before = upstream.requests.length;
    await requestCard.getByRole('button', { name: 'Send' }).click();

    const response = page.getByRole('region', { name: 'Response' });
    await expect(response.getByLabel('Status 200')).toBeVisible();
    await expect(response).toContainText(`"id": "${messageId}"`);
    // The upstream got a sandbox key: Portico added it on the server side.
    await expect(response).toContainText('"keyReceived": true');

    const samples = page.getByRole('region', { name: 'Code samples' });
    const languages = samples.getByRole('tablist', { name: 'Languages' });
    await expect(
      languages.getByRole('tab', { name: 'curl', selected: true }),
    ).toBeVisible();
    await expect(samples).toContainText(KEY_PLACEHOLDER);
    await expect(samples).toContainText('X-API-Key');
    await expect(samples).toContainText(
      `${UPSTREAM_BASE}/echo/messages/${messageId}`,
    );
    expect(await samples.textContent()).not.toContain('pt_sbx_');
    for (const label of ['JavaScript (fetch)', 'Python (requests)']) {
      await languages.getByRole('tab', { name: label }).click();
      await expect(
        languages.getByRole('tab', { name: label, selected: true }),
      ).toBeVisible();
      await expect(samples).toContainText(KEY_PLACEHOLDER);
      await expect(samples).toContainText(messageId);
      expect(await samples.textContent()).not.toContain('pt_sbx_');
    }

    // The upstream saw exactly this call, with a key in X-API-Key...
    const calls = upstream.requests
      .slice(before)
      .filter(r => r.url === `/echo/messages/${messageId}`);
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('GET');
    const sentKey = calls[0].headers['x-api-key'];
    expect(typeof sentKey).toBe('string');
    expect(sentKey as string).toMatch(/^pt_sbx_\S{16,}$/);
    // ...which the browser never got: not on the page, not in any answer of the portal.
    expect(await page.content()).not.toContain(sentKey);
    await languages.getByRole('tab', { name: 'curl' }).click();
    await response.getByRole('tab', { name: /^Headers/ }).click();
    await expect(
      response.getByRole('table', { name: 'Response headers' }),
    ).toBeVisible();
    expect(await page.content()).not.toContain(sentKey);
    await response.getByRole('tab', { name: 'Body' }).click();
    await expect(response).toContainText('"keyReceived": true');
    for (const body of await apiResponses.since()) {
      expect(body, 'an answer of the portal to the browser').not.toContain(
        sentKey,
      );
    }
    for (const body of await apiResponses.since(afterSecret)) {
      expect(
        body,
        'an answer of the portal after the key was shown',
      ).not.toContain(secret);
    }
    await snap(page, 'apim-try-it.png');
  });

  await test.step('Dave (another user, another team) cannot change the application', async () => {
    const context = await browser.newContext({
      baseURL: testInfo.project.use.baseURL,
      viewport: testInfo.project.use.viewport,
    });
    try {
      const davePage = await context.newPage();
      davePage.on('pageerror', error => pageErrors.push(error.message));
      await davePage.addInitScript(
        ([key, user]) => window.localStorage.setItem(key, user),
        [DEMO_CHOICE_KEY, 'dave'],
      );
      await davePage.goto('/settings');
      await expect(
        davePage
          .getByRole('heading', { name: /^User Entity:/ })
          .getByRole('link', { name: 'Dave Okafor' }),
      ).toBeVisible();

      await davePage.goto(`/applications/${encodeURIComponent(applicationId)}`);
      await expect(
        davePage.getByRole('heading', { level: 1, name: appName }),
      ).toBeVisible();
      const main = davePage.getByRole('main');
      // He may read what the application is...
      await expect(
        main.getByRole('definition').filter({ hasText: description }),
      ).toBeVisible();
      await expect(
        main.getByRole('link', { name: 'Payments team' }),
      ).toBeVisible();
      await expect(main).toContainText(applicationId);
      await expect(
        main.getByText(
          'Only members of payments-team and portal admins can change this application.',
        ),
      ).toBeVisible();
      // ...and, once everything has loaded, finds no control to change it.
      await davePage.waitForLoadState('networkidle');
      for (const [name, control] of Object.entries(managerControls(davePage))) {
        await expect(control, `no ${name} control for dave`).toHaveCount(0);
      }
      expect(await davePage.content()).not.toContain(secret);
      await snap(davePage, 'apim-other-user.png');
    } finally {
      await context.close();
    }

    // The server refuses him too, whatever the UI shows.
    const daveToken = await tokenOf(request, 'dave');
    const asDave = { authorization: `Bearer ${daveToken}` };
    const patch = await request.patch(
      `/api/apim/applications/${encodeURIComponent(applicationId)}`,
      { headers: asDave, data: { description: 'Changed by dave' } },
    );
    expect(patch.status(), await patch.text()).toBe(403);
    const newKey = await request.post(
      `/api/apim/applications/${encodeURIComponent(applicationId)}/keys`,
      { headers: asDave, data: { environment: 'sandbox' } },
    );
    expect(newKey.status(), await newKey.text()).toBe(403);

    const aliceToken = await tokenOf(request, 'alice');
    const unchanged = await request.get(
      `/api/apim/applications/${encodeURIComponent(applicationId)}`,
      { headers: { authorization: `Bearer ${aliceToken}` } },
    );
    expect(unchanged.status()).toBe(200);
    expect(await unchanged.json()).toMatchObject({
      id: applicationId,
      name: appName,
      description,
      owner: 'group:default/payments-team',
    });
  });

  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});
