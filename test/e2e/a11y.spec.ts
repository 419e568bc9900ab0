import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import nodePath from 'node:path';
import { expectNoSeriousA11yViolations } from './axe';

const screenshotDir = nodePath.resolve(__dirname, '../../test-results/e2e/screenshots');

/**
 * Every Portico page passes axe with no serious or critical violation, as a portal admin
 * (who sees every page and every admin-only panel) would see it.
 */

const PAGES: Array<{
  label: string;
  path: string;
  ready: (page: Page) => Promise<void>;
  /** Rules known to fail on this page, each with who fixes it: reported, not failed on. */
  known?: Array<{ rule: string; reason: string }>;
  /** Parts of the page that are another project's widget, left out of the check. */
  exclude?: Array<{ selector: string; reason: string }>;
}> = [
  { label: 'home', path: '/', ready: heading('Welcome to Portico') },
  { label: 'API portal', path: '/api-portal', ready: heading('API portal') },
  { label: 'applications', path: '/applications', ready: heading('Applications') },
  { label: 'promotions', path: '/promotions', ready: heading('Promotions') },
  {
    label: 'service desk',
    path: '/servicedesk',
    ready: heading(/Service desk/i),
  },
  { label: 'events', path: '/events', ready: heading('Events') },
  {
    label: 'security',
    path: '/security',
    ready: heading('Security'),
  },
  { label: 'monitoring', path: '/monitoring', ready: heading('Monitoring') },
  {
    label: 'lifecycle: expiring soon',
    path: '/lifecycle/expiring',
    ready: heading('Resource lifecycle'),
  },
  {
    label: 'lifecycle: tag violations',
    path: '/lifecycle/violations',
    ready: heading('Resource lifecycle'),
  },
  {
    label: 'API entity page (plans card)',
    path: '/catalog/default/api/payments-api',
    ready: heading('Plans & subscriptions'),
    exclude: [
      {
        selector: '.swagger-ui',
        reason:
          "Backstage api-docs' Swagger UI (upstream): nested-interactive operation summaries, an unlabelled servers " +
          'select, low-contrast badges and code',
      },
    ],
  },
  {
    label: 'component entity page (applications and promotions cards)',
    path: '/catalog/default/component/payments-gateway',
    // The applications card's subheader: the cards are there, not only the page's header.
    ready: heading('Owned by payments-team'),
  },
  {
    label: 'group entity page (applications card)',
    path: '/catalog/default/group/payments-team',
    ready: heading('Owned by payments-team'),
  },
];

/**
 * Waits until no progress bar has shown for a second. Cards load after the page's heading, and
 * Backstage shows a loading bar only after a short delay, so one look at "no progress bar" can
 * come before it.
 */
async function settled(page: Page) {
  const deadline = Date.now() + 30_000;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if ((await page.getByRole('progressbar').count()) > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 1_000) return;
    await page.waitForTimeout(200);
  }
  throw new Error(`${page.url()} kept loading for 30 s`);
}

function heading(name: string | RegExp) {
  return async (page: Page) => {
    // Some card titles are styled text, not headings: either shows the page is there.
    await expect(
      page.getByRole('heading', { name }).or(page.getByText(name)).first(),
      // Entity pages load their cards lazily; on a loaded 2-core machine that takes a while.
    ).toBeVisible({ timeout: 60_000 });
  };
}

test('every Portico page passes axe with no serious or critical violation', async ({
  page,
}) => {
  test.setTimeout(900_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in as Judy Alvarez' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Home' })
      .last(),
  ).toBeVisible();

  const failures: string[] = [];
  for (const { label, path, ready, known, exclude } of PAGES) {
    await test.step(label, async () => {
      await page.goto(path);
      await ready(page);
      // Let lists and cards finish loading: axe checks what is on screen. (Not "networkidle":
      // signals keep a request open.)
      await settled(page);
      fs.mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({
        path: nodePath.join(screenshotDir, `a11y-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`),
        fullPage: true,
      });
      try {
        await expectNoSeriousA11yViolations(page, `${label} (${path})`, known, exclude);
      } catch (error) {
        // eslint-disable-next-line no-console
        console.log((error as Error).message);
        failures.push((error as Error).message);
      }
    });
  }
  expect(failures, failures.join('\n\n')).toEqual([]);
});
