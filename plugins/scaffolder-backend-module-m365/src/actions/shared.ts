import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { describeDryRun, IntegrationNotConfiguredError, StepContext } from '@portico/portico-node';
import { GraphApi } from '../graph/GraphApi';
import { GRAPH_SYSTEM, GraphSettings, readGraphSettings } from '../graph/graphConfig';

export interface M365ActionOptions {
  config: Config;
  /** For tests; by default one GraphApi per settings. */
  createGraph?: (settings: GraphSettings) => GraphApi;
}

/** The Graph client for this run; throws IntegrationNotConfiguredError (naming the key) when Graph is not set up. */
export function graphFor(options: M365ActionOptions): { graph: GraphApi; settings: GraphSettings } {
  const settings = readGraphSettings(options.config);
  return { graph: (options.createGraph ?? (s => new GraphApi(s)))(settings), settings };
}

/**
 * The dry run: the input was validated by the schema; say what would be called and whether Graph is configured,
 * without calling anything.
 */
export function dryRun(ctx: StepContext & { logger: LoggerService }, options: M365ActionOptions, plan: string[]) {
  describeDryRun(ctx, GRAPH_SYSTEM, plan);
  try {
    readGraphSettings(options.config);
  } catch (error) {
    if (!(error instanceof IntegrationNotConfiguredError)) throw error;
    ctx.logger.warn(`${error.message}: a real run would fail here.`);
  }
}

export const TICKET_ID_PATTERN = /^SD-\d{6,}$/;

/** A user principal name (or the work e-mail that equals it). */
export const UPN_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isNotFound(error: unknown): boolean {
  return (error as { status?: number })?.status === 404;
}
