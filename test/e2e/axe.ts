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
  /** CSS selectors of parts left out (another project's widget), each with why. */
  exclude: Array<{ selector: string; reason: string }> = [],
) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const part of exclude) builder = builder.exclude(part.selector);
  const results = await builder.analyze();
  const knownHits = results.violations.filter(v => known.some(k => k.rule === v.id));
  if (knownHits.length > 0) {
    // eslint-disable-next-line no-console
    console.log(
      `${label}: known violations, not failed on: ${knownHits
        .map(v => `${v.id} (${known.find(k => k.rule === v.id)?.reason})`)
        .join('; ')}`,
    );
  }
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
