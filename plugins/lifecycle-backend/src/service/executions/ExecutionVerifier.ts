import type {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { NamedServiceCallers } from '@portico/portico-node';
import type { Request } from 'express';
import type { ExecutionStore } from '../../database/ExecutionStore';
import type { Clock } from '../clock';

/**
 * Who may ask: the scaffolder running a task a service started (Backstage issues an action's
 * call for a service initiator as `plugin:scaffolder`). A task a user started calls on that
 * user's behalf and is refused, whatever template it runs.
 */
export const EXECUTION_VERIFIER_SUBJECTS = [
  'plugin:scaffolder',
  'plugin:lifecycle',
];

/** A run's verify step comes seconds after its start; an older unbound execution is not reused. */
const MAX_AGE_MS = 60 * 60_000;

export interface ExecutionClaim {
  operation: 'provision' | 'teardown';
  entityRef: string;
  templateRef: string;
  taskId: string;
}

/** A claim's ref in the stored form; a ref no parser accepts is the caller's error (400), not ours. */
function normalize(ref: string, defaultKind: string, field: string): string {
  let parsed;
  try {
    parsed = parseEntityRef(ref.trim(), {
      defaultKind,
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `${field}: must be an entity ref such as ${defaultKind}:default/name (${
        (error as Error).message
      })`,
    );
  }
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}

/**
 * The first step of the lifecycle's templates (lifecycle:sandbox:verify) asks here whether it may
 * act: the lifecycle started this execution, for this operation on this resource with this very
 * template, and it is bound to this task and no other.
 */
export class ExecutionVerifier {
  private readonly callers: NamedServiceCallers;

  constructor(
    private readonly options: {
      executions: ExecutionStore;
      auditor: AuditorService;
      clock: Clock;
    },
  ) {
    this.callers = new NamedServiceCallers({
      subjects: EXECUTION_VERIFIER_SUBJECTS,
      configKey: 'built in: tasks the lifecycle started',
      auditor: options.auditor,
    });
  }

  async verify(
    credentials: BackstageCredentials,
    id: string,
    claim: ExecutionClaim,
    httpRequest?: Request,
  ) {
    await this.callers.require(credentials, {
      endpoint: 'POST /api/lifecycle/executions/:id/verify',
      request: httpRequest,
      meta: { executionId: id, taskId: claim.taskId },
    });
    const { executions, clock } = this.options;
    const entityRef = normalize(claim.entityRef, 'resource', 'entityRef');
    const templateRef = normalize(claim.templateRef, 'template', 'templateRef');
    const execution = await executions.get(id);
    if (!execution) throw new NotFoundError(`No lifecycle execution ${id}`);
    if (
      execution.operation !== claim.operation ||
      execution.entityRef !== entityRef
    ) {
      throw new ConflictError(
        `Execution ${id} is the ${execution.operation} of ${execution.entityRef}, not the ${claim.operation} of ${entityRef}`,
      );
    }
    if (
      normalize(execution.templateRef, 'template', 'templateRef') !==
      templateRef
    ) {
      throw new ConflictError(
        `Execution ${id} runs ${execution.templateRef}, not ${templateRef}`,
      );
    }
    if (execution.taskId !== claim.taskId) {
      if (
        execution.taskId ||
        clock.now() - execution.createdAt > MAX_AGE_MS ||
        !(await executions.bindTask(id, claim.taskId))
      ) {
        const current = await executions.get(id);
        if (current?.taskId !== claim.taskId) {
          throw new ConflictError(
            `Execution ${id} is task ${
              current?.taskId ?? '(none, expired)'
            }; task ${claim.taskId} must not act on it`,
          );
        }
      }
    }
    return {
      executionId: id,
      operation: execution.operation,
      entityRef,
      taskId: claim.taskId,
    };
  }
}
