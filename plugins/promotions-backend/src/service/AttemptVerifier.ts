import type { AuditorService, BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { AttemptVerification, VerifiedAttempt } from '@portico/plugin-promotions-common';
import { NamedServiceCallers } from '@portico/portico-node';
import type { Request } from 'express';
import type { PromotionDatabase } from '../database/PromotionStore';
import { normalizeComponentRef } from './refs';

/**
 * Who may ask: the scaffolder running a task that the promotions plugin started. Backstage
 * issues the call of an action run for a service initiator as `plugin:scaffolder`; a task
 * started by a user calls on the user's behalf and is refused.
 */
export const VERIFIER_SUBJECTS = ['plugin:scaffolder', 'plugin:promotions'];

/**
 * The first step of a deployment template asks here whether it may deploy: the attempt exists,
 * belongs to the request, is approved and unfinished, matches what the task was given, and is
 * bound to this task and no other (a second task for the same attempt, after a crash of the
 * follower between creating the task and recording it, stops at this step).
 */
export class AttemptVerifier {
  private readonly callers: NamedServiceCallers;

  constructor(private readonly options: { db: PromotionDatabase; auditor: AuditorService }) {
    this.callers = new NamedServiceCallers({
      subjects: VERIFIER_SUBJECTS,
      configKey: 'built in: tasks the promotions plugin started',
      auditor: options.auditor,
    });
  }

  async verify(
    credentials: BackstageCredentials,
    attemptId: string,
    claim: AttemptVerification,
    httpRequest?: Request,
  ): Promise<VerifiedAttempt> {
    await this.callers.require(credentials, {
      endpoint: 'POST /api/promotions/attempts/:attemptId/verify',
      request: httpRequest,
      meta: { attemptId, taskId: claim.taskId },
    });
    const { db } = this.options;
    const attempt = await db.attempts.get(attemptId);
    if (!attempt || attempt.requestId !== claim.requestId) {
      throw new NotFoundError(`No deployment attempt ${attemptId} on promotion request ${claim.requestId}`);
    }
    const request = await db.requests.get(attempt.requestId);
    if (!request) throw new NotFoundError(`No promotion request ${attempt.requestId}`);
    if (attempt.executor !== 'scaffolder') {
      throw new ConflictError(`Attempt ${attempt.number} is run by the ${attempt.executor} executor, not by a template`);
    }
    if (attempt.status !== 'requested' && attempt.status !== 'running') {
      throw new ConflictError(`Attempt ${attempt.number} is ${attempt.status}; a finished attempt deploys nothing`);
    }
    if (request.state !== 'DEPLOYING') {
      throw new ConflictError(`The promotion request is ${request.state}; only a DEPLOYING request is deployed`);
    }
    const mismatches = [
      ['componentRef', normalizeComponentRef(claim.componentRef), request.componentRef],
      ['version', claim.version, request.version],
      ['toEnvironment', claim.toEnvironment.toUpperCase(), request.toEnvironment],
    ].filter(([, claimed, approved]) => claimed !== approved);
    if (mismatches.length) {
      throw new ConflictError(
        `The task does not deploy what was approved: ${mismatches
          .map(([field, claimed, approved]) => `${field} is '${claimed}', approved '${approved}'`)
          .join('; ')}`,
      );
    }
    if (attempt.taskId !== claim.taskId && !(await db.attempts.bindTask(attempt.id, claim.taskId))) {
      const current = await db.attempts.get(attempt.id);
      if (current?.taskId !== claim.taskId) {
        throw new ConflictError(
          `Attempt ${attempt.number} is run by task ${current?.taskId ?? '(none)'}${
            current && current.status !== 'requested' && current.status !== 'running' ? ` and is ${current.status}` : ''
          }; task ${claim.taskId} must not deploy it again`,
        );
      }
    }
    return {
      requestId: request.id,
      attemptId: attempt.id,
      attempt: attempt.number,
      componentRef: request.componentRef,
      version: request.version,
      toEnvironment: request.toEnvironment,
      taskId: claim.taskId,
    };
  }
}
