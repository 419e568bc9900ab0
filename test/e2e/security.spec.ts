import fs from 'node:fs';
import path from 'node:path';
import {
  expect,
  test,
  type APIRequestContext,
  type Page,
} from '@playwright/test';

/**
 * Security findings through the real UI: frank (security) posts a Trivy report over REST; its
 * findings show on payments-gateway's Security tab; alice (payments-team) asks to accept the
 * risk of its critical CVE and cannot approve her own request (no button, REST 403); frank
 * approves it on the finding page and the finding is risk accepted.
 */

const screenshotDir = path.resolve(
  __dirname,
  '../../test-results/e2e/screenshots',
);
const DEMO_CHOICE_KEY = 'portico.demoSignIn.user';

test.use({ actionTimeout: 30_000 });

test.beforeAll(() => {
  fs.mkdirSync(screenshotDir, { recursive: true });
});

async function snap(page: Page, name: string) {
  await page.screenshot({
    path: path.join(screenshotDir, name),
    fullPage: true,
  });
}

async function tokenOf(request: APIRequestContext, user: string) {
  const response = await request.get('/api/auth/demo/refresh', {
    headers: { 'x-portico-demo-user': user },
  });
  expect(response.status(), `demo token of ${user}`).toBe(200);
  return (await response.json()).backstageIdentity.token as string;
}

function report(tag: string, cve: string) {
  const vuln = (id: string, pkg: string, severity: string, score: number) => ({
    VulnerabilityID: id,
    PkgName: pkg,
    InstalledVersion: '3.1.4-r2',
    FixedVersion: '3.1.4-r9',
    Severity: severity,
    Title: `${pkg}: ${id} found by the end-to-end test`,
    PrimaryURL: `https://avd.aquasec.com/nvd/${id.toLowerCase()}`,
    CVSS: { nvd: { V3Score: score } },
  });
  return {
    SchemaVersion: 2,
    ArtifactName: `ghcr.io/acme/payments-gateway:${tag}`,
    ArtifactType: 'container_image',
    Metadata: {
      RepoDigests: [`ghcr.io/acme/payments-gateway@sha256:${'e2'.repeat(32)}`],
    },
    Results: [
      {
        Target: `ghcr.io/acme/payments-gateway:${tag} (alpine 3.19.1)`,
        Class: 'os-pkgs',
        Type: 'alpine',
        Vulnerabilities: [
          vuln(cve, 'libcrypto3', 'CRITICAL', 9.8),
          vuln('CVE-2024-2511', 'libssl3', 'HIGH', 7.5),
        ],
      },
    ],
  };
}

async function signedInAs(
  browser: import('@playwright/test').Browser,
  baseURL: string | undefined,
  user: string,
) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1400, height: 1000 },
  });
  const page = await context.newPage();
  await page.addInitScript(
    ([key, value]) => window.localStorage.setItem(key, value),
    [DEMO_CHOICE_KEY, user],
  );
  return { context, page };
}

test('Security: a Trivy report over REST shows on the Security tab; frank accepts the risk alice asked for, alice cannot', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const baseURL = testInfo.project.use.baseURL;
  const tag = `9.${Date.now() % 100000}`;
  const cve = `CVE-2099-${String(Date.now() % 100000).padStart(5, '0')}`;
  const frankToken = await tokenOf(request, 'frank');
  const aliceToken = await tokenOf(request, 'alice');
  let findingId = '';

  await test.step("the component projection knows payments-gateway's image", async () => {
    await expect
      .poll(
        async () => {
          const res = await request.get(
            '/api/security/stats?componentRef=component:default/payments-gateway',
            {
              headers: { authorization: `Bearer ${frankToken}` },
            },
          );
          const body = await res.json();
          return body.byComponent?.length ?? 0;
        },
        {
          timeout: 120_000,
          message:
            'the demo report is linked to payments-gateway by the catalog sync',
        },
      )
      .toBeGreaterThan(0);
  });

  await test.step('frank (security) posts a Trivy report; the same payload again changes nothing', async () => {
    const first = await request.post('/api/security/reports/trivy', {
      headers: { authorization: `Bearer ${frankToken}` },
      data: report(tag, cve),
    });
    expect(first.status()).toBe(201);
    expect(await first.json()).toMatchObject({
      componentRef: 'component:default/payments-gateway',
      opened: { critical: 1, high: 1 },
    });
    const again = await request.post('/api/security/reports/trivy', {
      headers: { authorization: `Bearer ${frankToken}` },
      data: report(tag, cve),
    });
    expect(again.status()).toBe(200);
    expect((await again.json()).duplicate).toBe(true);
    const refused = await request.post('/api/security/reports/trivy', {
      headers: { authorization: `Bearer ${aliceToken}` },
      data: report(tag, cve),
    });
    expect(refused.status()).toBe(403);
  });

  const alice = await signedInAs(browser, baseURL, 'alice');
  try {
    await test.step('alice sees it on the Security tab of payments-gateway and asks to accept the risk', async () => {
      const page = alice.page;
      await page.goto(
        `/catalog/default/component/payments-gateway/security?filters[q]=${cve}`,
      );
      const link = page.getByRole('link', { name: cve });
      await expect(link).toBeVisible({ timeout: 60_000 });
      await snap(page, 'security-1-component-tab.png');
      await link.click();
      await expect(page).toHaveURL(/\/security\/findings\/[0-9a-f-]{36}$/);
      findingId = new URL(page.url()).pathname.split('/').pop()!;
      await page
        .getByRole('button', { name: 'Ask to accept the risk' })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByRole('textbox', { name: 'Justification' })
        .fill(
          'Only reachable from the internal network; patched in the next release',
        );
      await dialog.getByRole('button', { name: 'Ask for approval' }).click();
      await expect(dialog).toBeHidden();
      await expect(
        page.getByRole('list', { name: 'Risk requests' }),
      ).toContainText('pending');
      await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(
        0,
      );
      await snap(page, 'security-2-alice-own-request-no-approve.png');
    });
  } finally {
    await alice.context.close();
  }

  await test.step('alice cannot approve her own request over REST either', async () => {
    const details = await (
      await request.get(`/api/security/findings/${findingId}`, {
        headers: { authorization: `Bearer ${aliceToken}` },
      })
    ).json();
    const requestId = details.riskRequests[0].id;
    const approve = await request.post(
      `/api/security/risk-requests/${requestId}/approve`,
      {
        headers: { authorization: `Bearer ${aliceToken}` },
        data: {},
      },
    );
    expect(approve.status()).toBe(403);
  });

  const frank = await signedInAs(browser, baseURL, 'frank');
  try {
    await test.step('frank finds it on /security and approves it: the finding is risk accepted', async () => {
      const page = frank.page;
      await page.goto(`/security?filters[severity]=critical`);
      await expect(page.getByRole('link', { name: cve })).toBeVisible({
        timeout: 60_000,
      });
      await expect(
        page.getByLabel('Open findings by severity').first(),
      ).toBeVisible();
      await snap(page, 'security-3-findings-page.png');
      await page.goto(`/security/findings/${findingId}`);
      await page.getByRole('button', { name: 'Approve' }).click();
      await expect(page.getByText('Risk accepted').first()).toBeVisible();
      await expect(page.getByRole('list', { name: 'Timeline' })).toContainText(
        'accept_risk',
      );
      await snap(page, 'security-4-risk-accepted.png');
    });

    await test.step('frank sees the trend, selects findings for bulk triage, and opens the weekly report', async () => {
      const page = frank.page;
      await page.goto('/security');
      await expect(page.getByLabel('Open findings over time')).toBeVisible({
        timeout: 60_000,
      });
      await page
        .getByRole('checkbox', { name: 'Select every finding of this page' })
        .check();
      await expect(
        page.getByRole('toolbar', { name: 'Bulk triage' }),
      ).toBeVisible();
      await snap(page, 'security-5-trend-and-bulk.png');
      await page.getByRole('link', { name: 'Weekly report' }).click();
      await expect(page.getByText(/^Week \d{4}-W\d{2}$/)).toBeVisible({
        timeout: 60_000,
      });
      await page.getByLabel('Next week').click();
      await expect(
        page.getByRole('table', { name: 'Weekly numbers per team' }),
      ).toBeVisible({ timeout: 30_000 });
      await snap(page, 'security-6-weekly-report.png');
    });
  } finally {
    await frank.context.close();
  }
});
