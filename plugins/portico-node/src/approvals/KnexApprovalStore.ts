import type { Knex } from 'knex';
import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { num, optStr } from '../database/columnValues';
import type { ApprovalVote } from './ApprovalRule';

/** Where a plugin keeps the approvals of its aggregate. */
export interface ApprovalStore {
  /** ConflictError when this approver already approved the subject. */
  add(subjectId: string, vote: ApprovalVote): Promise<void>;
  /** The approvals of each subject, oldest first. */
  forSubjects(subjectIds: readonly string[]): Promise<Map<string, ApprovalVote[]>>;
}

export interface ApprovalTableOptions {
  /** e.g. `risk_acceptance_approvals` */
  table: string;
  /** The column naming the approved row; default `subject_id`. */
  subjectColumn?: string;
}

/**
 * The approvals table of a plugin, for its knex migrations (each plugin has its own database):
 *
 * ```js
 * const { approvalsTableMigration } = require('@portico/portico-node');
 * const approvals = approvalsTableMigration({ table: 'risk_acceptance_approvals', subjectTable: 'risk_acceptances' });
 * exports.up = knex => approvals.up(knex);
 * exports.down = knex => approvals.down(knex);
 * ```
 *
 * The primary key (subject, approver) is what makes approvers distinct, whatever the race.
 */
export function approvalsTableMigration(
  options: ApprovalTableOptions & { subjectTable?: string; subjectIdColumn?: string; subjectIdLength?: number },
) {
  const column = options.subjectColumn ?? 'subject_id';
  return {
    async up(knex: Knex): Promise<void> {
      await knex.schema.createTable(options.table, table => {
        table.comment('Distinct approvers of each subject (the Portico approval rule)');
        const subject = table.string(column, options.subjectIdLength ?? 36).notNullable();
        if (options.subjectTable) subject.references(options.subjectIdColumn ?? 'id').inTable(options.subjectTable);
        table.string('approver', 255).notNullable();
        table.text('comment').nullable();
        table.bigInteger('at').notNullable();
        table.primary([column, 'approver']);
      });
    },
    async down(knex: Knex): Promise<void> {
      await knex.schema.dropTable(options.table);
    },
  };
}

/** The knex ApprovalStore over a table made by `approvalsTableMigration` (or of that shape). */
export class KnexApprovalStore implements ApprovalStore {
  private readonly column: string;

  constructor(
    private readonly db: Knex | Knex.Transaction,
    private readonly options: ApprovalTableOptions,
  ) {
    this.column = options.subjectColumn ?? 'subject_id';
  }

  async add(subjectId: string, vote: ApprovalVote): Promise<void> {
    try {
      await this.db(this.options.table).insert({
        [this.column]: subjectId,
        approver: vote.approver,
        comment: vote.comment ?? null,
        at: vote.at,
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        throw new ConflictError(`${vote.approver} already approved this`);
      }
      throw error;
    }
  }

  async forSubjects(subjectIds: readonly string[]): Promise<Map<string, ApprovalVote[]>> {
    const result = new Map<string, ApprovalVote[]>();
    if (subjectIds.length === 0) return result;
    const rows = await this.db(this.options.table)
      .whereIn(this.column, [...subjectIds])
      .orderBy('at')
      .orderBy('approver');
    for (const row of rows) {
      const id = row[this.column] as string;
      const list = result.get(id) ?? [];
      list.push({ approver: row.approver, comment: optStr(row.comment), at: num(row.at) });
      result.set(id, list);
    }
    return result;
  }
}
