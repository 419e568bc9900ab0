import { columnValues } from '@portico/portico-node';
import type { ActionRecord, ActionStore } from './ServicedeskStore';
import { ACTIONS, Db, Row } from './tables';

const { num, optNum, optStr, optJson } = columnValues;

function toAction(row: Row): ActionRecord {
  return {
    id: row.id,
    requestNumber: num(row.request_number),
    actionType: row.action_type,
    actionData: JSON.parse(row.action_data),
    status: row.status,
    taskId: optStr(row.task_id),
    executedBy: row.executed_by,
    executedAt: num(row.executed_at),
    finishedAt: optNum(row.finished_at),
    result: optJson(row.result),
    errorMessage: optStr(row.error_message),
  };
}

export class KnexActionStore implements ActionStore {
  constructor(private readonly db: Db) {}

  async insert(record: ActionRecord): Promise<void> {
    await this.db(ACTIONS).insert({
      id: record.id,
      request_number: record.requestNumber,
      action_type: record.actionType,
      action_data: JSON.stringify(record.actionData),
      status: record.status,
      task_id: record.taskId ?? null,
      executed_by: record.executedBy,
      executed_at: record.executedAt,
      finished_at: record.finishedAt ?? null,
      result: record.result ? JSON.stringify(record.result) : null,
      error_message: record.errorMessage ?? null,
    });
  }

  async forRequest(number: number): Promise<ActionRecord[]> {
    const rows = await this.db(ACTIONS)
      .where({ request_number: number })
      .orderBy('executed_at');
    return rows.map(toAction);
  }

  async running(limit: number): Promise<ActionRecord[]> {
    const rows = await this.db(ACTIONS)
      .where({ status: 'running' })
      .orderBy('executed_at')
      .limit(limit);
    return rows.map(toAction);
  }

  async finish(
    id: string,
    patch: Parameters<ActionStore['finish']>[1],
  ): Promise<boolean> {
    const updated = await this.db(ACTIONS)
      .where({ id, status: 'running' })
      .update({
        status: patch.status,
        finished_at: patch.finishedAt,
        result: patch.result ? JSON.stringify(patch.result) : null,
        error_message: patch.errorMessage ?? null,
        ...(patch.taskId ? { task_id: patch.taskId } : {}),
      });
    return updated === 1;
  }

  async setTaskId(id: string, taskId: string): Promise<void> {
    await this.db(ACTIONS).where({ id }).update({ task_id: taskId });
  }

  async bindTask(id: string, taskId: string): Promise<boolean> {
    const count = await this.db(ACTIONS)
      .where({ id, status: 'running' })
      .whereNull('task_id')
      .update({ task_id: taskId });
    return count > 0;
  }
}
