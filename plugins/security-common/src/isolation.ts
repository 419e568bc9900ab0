import { z } from 'zod';

/**
 * `POST /findings/:id/isolations`: what the isolation playbook did to the container of a runtime
 * finding (the `security:finding:record-isolation` step of the security-isolate-container
 * template). Recorded on the finding's timeline and, when the finding has an incident ticket,
 * as a comment on the ticket.
 */
export const isolationRecordSchema = z
  .object({
    containerId: z
      .string()
      .trim()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, 'a container id or name'),
    summary: z.string().trim().min(1).max(1000),
    steps: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
    snapshotImage: z.string().trim().max(300).optional(),
    /** The scaffolder task that isolated it, for the record. */
    taskId: z.string().trim().max(100).optional(),
  })
  .strict();
export type IsolationRecordBody = z.input<typeof isolationRecordSchema>;
export type IsolationRecord = z.infer<typeof isolationRecordSchema>;

export interface IsolationRecorded {
  findingId: string;
  /** The incident ticket the result was commented on, when the finding has one. */
  ticketId?: string;
}
