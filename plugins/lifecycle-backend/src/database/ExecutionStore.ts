import type { Knex } from 'knex';
import { columnValues } from '@portico/portico-node';

export interface ExecutionRecord {
  id: string;
  operation: 'provision' | 'teardown';
  entityRef: string;
  templateRef: string;
  taskId?: string;
  createdAt: number;
}

/** The template runs the lifecycle started; see the lifecycle_executions migration. */
export interface ExecutionStore {
  insert(record: ExecutionRecord): Promise<void>;
  get(id: string): Promise<ExecutionRecord | undefined>;
  /** Binds the task if none is bound yet; returns whether this call bound it. */
  bindTask(id: string, taskId: string): Promise<boolean>;
  /** Forgets a run that never started (the scaffolder refused it). */
  delete(id: string): Promise<void>;
}

const TABLE = 'lifecycle_executions';

export class KnexExecutionStore implements ExecutionStore {
  constructor(private readonly db: Knex) {}

  async insert(record: ExecutionRecord): Promise<void> {
    await this.db(TABLE).insert({
      id: record.id,
      operation: record.operation,
      entity_ref: record.entityRef,
      template_ref: record.templateRef,
      task_id: record.taskId ?? null,
      created_at: record.createdAt,
    });
  }

  async get(id: string): Promise<ExecutionRecord | undefined> {
    const row = await this.db(TABLE).where({ id }).first();
    if (!row) return undefined;
    return {
      id: row.id,
      operation: row.operation,
      entityRef: row.entity_ref,
      templateRef: row.template_ref,
      taskId: columnValues.optStr(row.task_id),
      createdAt: columnValues.num(row.created_at),
    };
  }

  async bindTask(id: string, taskId: string): Promise<boolean> {
    return (await this.db(TABLE).where({ id }).whereNull('task_id').update({ task_id: taskId })) > 0;
  }

  async delete(id: string): Promise<void> {
    await this.db(TABLE).where({ id }).delete();
  }
}
