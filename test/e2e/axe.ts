import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The axe impacts that fail a page: what blocks or seriously hinders some users. */
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe (WCAG 2.0/2.1 A and AA rules) on the page as it is now and fails with a readable
 * list of the serious or critical violations: rule, impact, and the first elements at fault.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  label: string,
  /** Rules known to fail on this page, each with who fixes it: reported, not failed on. */
  known: Array<{ rule: string; reason: string }> = [],
) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const knownRules = new Set(known.map(k => k.rule));
  const blocking = results.violations.filter(
    v => BLOCKING.has(v.impact ?? '') && !knownRules.has(v.id),
  );
  const report = blocking.map(
    v =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map(
          n =>
            `    ${n.target.join(' ')}: ${
              n.failureSummary?.split('\n').slice(1).join('; ') ?? ''
            }`,
        )
        .join('\n'),
  );
  expect(report, `serious or critical axe violations on ${label}`).toEqual([]);
}
