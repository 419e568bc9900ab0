export { ApprovalRule } from './ApprovalRule';
export type {
  ApprovalDecider,
  ApprovalDecision,
  ApprovalSubject,
  ApprovalTally,
  ApprovalVote,
  ApproverSet,
  DecideInput,
  LoadedSubject,
} from './ApprovalRule';
export { KnexApprovalStore, approvalsTableMigration } from './KnexApprovalStore';
export type { ApprovalStore, ApprovalTableOptions } from './KnexApprovalStore';
