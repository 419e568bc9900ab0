import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

/**
 * Smoke test of Portico through its real UI: demo sign-in, catalog, an API's
 * OpenAPI definition, sign-out and switching user; plus the non-interactive
 * demo token endpoint.
 */

const screenshotDir = path.resolve(
  __dirname,
  '../../test-results/e2e/screenshots',
);
const DEMO_CHOICE_KEY = 'portico.demoSignIn.user';

// One user journey in a single test (its steps share the page and the session),
// plus an independent API test; the config runs them with one worker.
test.beforeAll(() => {
  fs.mkdirSync(screenshotDir, { recursive: true });
});

async function snap(page: Page, name: string) {
  await page.screenshot({
    path: path.join(screenshotDir, name),
    fullPage: true,
  });
}

/** The signed-out picker: title, intro, one card per demo user. */
async function expectUserPicker(page: Page) {
  await expect(
    page.getByRole('heading', { name: 'Sign in to Portico' }),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Sign in as Alice Martin' }),
  ).toBeVisible();
  await expect(page.getByTestId('demo-user-bob')).toBeVisible();
  expect(
    await page.locator('[data-testid^="demo-user-"]').count(),
  ).toBeGreaterThanOrEqual(8);
  await expect(
    page.getByRole('navigation', { name: 'sidebar nav' }),
  ).toHaveCount(0);
}

/** Picks a user on the sign-in page and waits for the app shell. */
async function signInAs(page: Page, userName: string, displayName: string) {
  const card = page.getByRole('button', { name: `Sign in as ${displayName}` });
  await expect(card).toHaveAttribute('data-testid', `demo-user-${userName}`);
  await card.click();
  // The <nav> wrapper itself has no box of its own; its links are what shows.
  for (const item of ['Home', 'Catalog', 'APIs', 'Settings']) {
    await expect(sidebarLink(page, item)).toBeVisible();
  }
  expect(
    await page.evaluate(key => localStorage.getItem(key), DEMO_CHOICE_KEY),
  ).toBe(userName);
}

function sidebarLink(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name, exact: true })
    .last();
}

/** The settings page's "Backstage Identity" card names the signed-in user's entity. */
async function openSettings(page: Page) {
  await sidebarLink(page, 'Settings').click();
  await expect(page).toHaveURL(/\/settings/);
  await expect(
    page.getByText('Backstage Identity', { exact: true }),
  ).toBeVisible();
  return page.getByRole('heading', { name: /^User Entity:/ });
}

test('demo user signs in, browses catalog and API definition, signs out and switches user', async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(error.message));

  await test.step('signed out: the user picker lists the demo users', async () => {
    await page.goto('/');
    await expectUserPicker(page);
    await expect(
      page.getByRole('button', { name: 'Sign in as Bob Dupont' }),
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Sign in as Carol Nguyen' }),
    ).toBeVisible();
    await snap(page, 'sign-in.png');
  });

  await test.step('sign in as Alice', async () => {
    await signInAs(page, 'alice', 'Alice Martin');
    // The home card's title is plain text, not a heading.
    await expect(
      page.getByText('Welcome to Portico', { exact: true }),
    ).toBeVisible();
    await expect(page.getByPlaceholder('Search in Portico')).toBeVisible();
    await snap(page, 'home-alice.png');

    const identity = await openSettings(page);
    await expect(
      identity.getByRole('link', { name: 'Alice Martin' }),
    ).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'DevOps (acme)' }),
    ).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Payments team' }),
    ).toBeVisible();
  });

  await test.step('catalog lists the components', async () => {
    await sidebarLink(page, 'Catalog').click();
    await expect(page).toHaveURL(/\/catalog/);
    // The catalog opens on "Owned" (set once the filters load): then switch to all components.
    const userFilter = (value: string) =>
      new RegExp(`filters(%5B|\\[)user(%5D|\\])=${value}`);
    await expect(page).toHaveURL(userFilter('\\w+'));
    await expect(
      page.getByRole('heading', { name: /Components \(\d+\)$/ }).first(),
    ).toBeVisible();
    await expect(async () => {
      await page.getByRole('menuitem', { name: /^All\b/ }).click();
      await expect(page).toHaveURL(userFilter('all'), { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(
      page.getByRole('heading', { name: /^All Components \(\d+\)$/ }).first(),
    ).toBeVisible();

    const table = page.getByRole('table');
    const gateway = table.getByRole('link', { name: 'Payments gateway' });
    await expect(gateway).toBeVisible();
    await expect(gateway).toHaveAttribute(
      'href',
      /\/catalog\/default\/component\/payments-gateway$/,
    );
    // More than Alice's own three components, i.e. the "All" filter took effect.
    await expect
      .poll(() => table.locator('tbody tr').count())
      .toBeGreaterThan(3);
    await snap(page, 'catalog.png');
  });

  await test.step('payments-api definition renders the OpenAPI operations', async () => {
    await sidebarLink(page, 'APIs').click();
    await expect(page).toHaveURL(/\/api-docs/);
    await page
      .getByRole('table')
      .getByRole('link', { name: 'Payments API' })
      .click();
    await expect(page).toHaveURL(/\/catalog\/default\/api\/payments-api/);
    await expect(
      page
        .getByRole('main')
        .getByRole('heading', { level: 2, name: 'Payments API' }),
    ).toBeVisible();
    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Definition', exact: true })
      .click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/api\/payments-api\/definition$/,
    );

    const swagger = page.locator('.swagger-ui');
    await expect(
      swagger.getByRole('heading', { level: 1, name: /Payments API/ }),
    ).toBeVisible();
    const listPayments = swagger
      .locator('.opblock')
      .filter({ hasText: 'List payments' });
    await expect(listPayments).toBeVisible();
    await expect(listPayments.locator('.opblock-summary-method')).toHaveText(
      'GET',
    );
    await expect(listPayments.locator('.opblock-summary-path')).toHaveText(
      '/payments',
    );
    await expect(
      swagger.locator('.opblock-summary-path', {
        hasText: '/payments/{paymentId}/capture',
      }),
    ).toBeVisible();
    await expect
      .poll(() => swagger.locator('.opblock').count())
      .toBeGreaterThanOrEqual(4);

    // swagger-ui is interactive: expanding an operation shows its parameters and responses.
    await listPayments.locator('.opblock-summary-control').click();
    await expect(
      listPayments.getByRole('heading', { name: 'Responses' }),
    ).toBeVisible();
    await listPayments.locator('.opblock-summary-control').click();
    await expect(
      listPayments.getByRole('heading', { name: 'Responses' }),
    ).toHaveCount(0);
    await snap(page, 'api-definition.png');
  });

  await test.step('sign out from Settings returns to the picker', async () => {
    await openSettings(page);
    await page.getByTestId('user-settings-menu').click();
    await page.getByRole('menuitem', { name: 'Sign Out' }).click();
    await expectUserPicker(page);
    expect(
      await page.evaluate(key => localStorage.getItem(key), DEMO_CHOICE_KEY),
    ).toBeNull();
    await snap(page, 'signed-out.png');
  });

  await test.step('sign in as Bob: the app shows Bob, not Alice', async () => {
    await signInAs(page, 'bob', 'Bob Dupont');
    const identity = await openSettings(page);
    await expect(
      identity.getByRole('link', { name: 'Bob Dupont' }),
    ).toBeVisible();
    await expect(page.getByText('Alice Martin')).toHaveCount(0);
    await snap(page, 'bob.png');
  });

  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
});

test('demo token endpoint issues a Backstage identity per demo user', async ({
  request,
}) => {
  const response = await request.get('/api/auth/demo/refresh', {
    headers: { 'x-portico-demo-user': 'alice' },
  });
  expect(response.status()).toBe(200);
  const body = await response.json();
  const { token, identity } = body.backstageIdentity;

  expect(typeof token).toBe('string');
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  const claims = JSON.parse(
    Buffer.from(parts[1], 'base64url').toString('utf8'),
  );
  expect(claims.sub).toBe('user:default/alice');

  expect(identity.userEntityRef).toBe('user:default/alice');
  expect(identity.ownershipEntityRefs).toEqual(
    expect.arrayContaining(['user:default/alice', 'group:default/devops-acme']),
  );

  const unknown = await request.get('/api/auth/demo/refresh', {
    headers: { 'x-portico-demo-user': 'nobody-e2e' },
  });
  expect(unknown.status()).toBe(404);
});
