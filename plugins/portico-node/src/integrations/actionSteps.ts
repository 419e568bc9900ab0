import type { JsonValue } from '@backstage/types';

/** The part of a scaffolder ActionContext the helpers need (portico-node does not depend on the scaffolder). */
export interface StepContext {
  logger: { info(message: string): void };
  isDryRun?: boolean;
  checkpoint<T extends JsonValue | void>(opts: { key: string; fn: () => Promise<T> | T }): Promise<T>;
}

/**
 * One step of an action that changes an outside system, run once per task: a task retried after a crash or a
 * failed later step gets the recorded result instead of doing it again. The key names the step and its subject.
 */
export function runStep<T extends JsonValue | void>(
  ctx: StepContext,
  key: string,
  fn: () => Promise<T>,
): Promise<T> {
  return ctx.checkpoint({ key, fn });
}

/** Says what a dry run would do, one line per call it would make, and calls nothing. */
export function describeDryRun(ctx: StepContext, system: string, plan: string[]): void {
  ctx.logger.info(`Dry run: ${system} was not called. It would:`);
  for (const line of plan) ctx.logger.info(`  - ${line}`);
}
