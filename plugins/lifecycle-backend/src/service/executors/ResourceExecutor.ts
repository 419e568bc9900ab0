import type { ResourceRecord } from '../../database/LifecycleStore';

export type ExecutionStatus = 'running' | 'succeeded' | 'failed';

/**
 * Provisions and tears down resources. The built-in one runs a scaffolder template per resource
 * type as the lifecycle plugin itself; a production one (a cloud API, AWX) implements the same
 * three calls.
 */
export interface ResourceExecutor {
  start(
    operation: 'provision' | 'teardown',
    resource: Pick<
      ResourceRecord,
      'entityRef' | 'type' | 'owner' | 'environment' | 'costCenter' | 'project'
    >,
    parameters?: Record<string, string | number | boolean>,
  ): Promise<{ taskId?: string; status: ExecutionStatus; message?: string }>;
  poll(taskId: string): Promise<{ status: ExecutionStatus; message?: string }>;
}
