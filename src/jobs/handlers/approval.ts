/**
 * Reports that wait for a supervisor's approval (a plan with `supervisorApproval`, core/plans):
 * the job parks itself with a question to supervisors (audience 'supervisor': through oversight
 * when it takes it, else in the private Telegram chat of the organization's first supervisor), and
 * the answer resumes it: approved → the ordinary createWorkOrder job, under the report's own key,
 * so it files once; rejected or unanswered → the technician is told, nothing reaches Atlas. Only
 * supervisors may answer (core/access can()).
 */
import { approvalExpired, approvalQuestion, reportApproved, reportRejected } from '../../core/notices.js';
import type { ChatAddress, CreateWorkOrderCommand } from '../../core/ports.js';
import type { OutboxEntry } from '../../db/repositories/outbox.js';
import { toPerson } from '../../db/stores/people.js';
import { createWorkOrderEntry, sendEntry } from '../entries.js';
import { jobIdFor, noticeKey, priorityFor, QUEUES, type QuestionAnswer } from '../names.js';
import type { QuestionAsker } from '../questions.js';
import type { JobHandler } from '../runner.js';
import type { HandlerDeps } from './deps.js';

export const APPROVE = 'Approve and file';
export const REJECT = 'Reject';

export interface AwaitApprovalJob {
  cmd: CreateWorkOrderCommand;
  answers?: QuestionAnswer[];
}

export function approvalEntry(cmd: CreateWorkOrderCommand, answers?: QuestionAnswer[], jobKey = `${cmd.idempotencyKey}/approval`): OutboxEntry {
  const payload: AwaitApprovalJob = answers?.length ? { cmd, answers } : { cmd };
  return { jobId: jobIdFor('awaitApproval', jobKey), organizationId: cmd.organizationId, queue: QUEUES.atlas, name: 'awaitApproval', payload, priority: priorityFor(cmd.priority) };
}

export function approvalHandler(deps: HandlerDeps & { questions: QuestionAsker }): JobHandler<AwaitApprovalJob> {
  const tell = (cmd: CreateWorkOrderCommand, key: string, text: string) =>
    deps.enqueuer.enqueue([sendEntry({ idempotencyKey: key, to: cmd.chat, text, conversationId: cmd.conversationId, kind: 'response' }, cmd.organizationId)]);

  return {
    async run({ cmd, answers }, ctx) {
      const answer = answers?.length ? answers[answers.length - 1]! : null;
      if (!answer) {
        const requester = await deps.repos.users.get(cmd.requesterId);
        const who = requester ? toPerson(requester).attribution : 'a technician';
        const [supervisor] = await deps.repos.users.supervisorsOnTelegram(cmd.organizationId);
        const to: ChatAddress = supervisor?.telegramId ? { channel: 'telegram', chatId: String(supervisor.telegramId) } : cmd.chat;
        const asset = cmd.assetId !== null ? `asset #${cmd.assetId}` : null;
        await deps.questions.ask({
          organizationId: cmd.organizationId,
          conversationId: cmd.conversationId,
          to,
          audience: 'supervisor',
          question: approvalQuestion(who, cmd.title, asset, cmd.priority),
          choices: [APPROVE, REJECT],
          // Unanswered: resume to tell the technician, never to file.
          onExpiry: 'resume',
          requesterName: who,
          resume: approvalEntry(cmd, answers, `${cmd.idempotencyKey}/approval/asked`),
        });
        ctx.logger.info({ to: to.chatId }, 'report waits for a supervisor’s approval');
        return 'parked';
      }
      if (answer.expired) {
        await tell(cmd, noticeKey.failed(cmd.idempotencyKey), approvalExpired(cmd.title));
        return;
      }
      if (answer.answer !== APPROVE) {
        ctx.logger.info({ by: answer.answeredBy }, 'report not approved');
        await tell(cmd, noticeKey.failed(cmd.idempotencyKey), reportRejected(cmd.title));
        return;
      }
      const { approval: _approved, ...filed } = cmd;
      ctx.logger.info({ by: answer.answeredBy }, 'report approved; filing it');
      await deps.enqueuer.enqueue([
        sendEntry({ idempotencyKey: `${cmd.idempotencyKey}/approved`, to: cmd.chat, text: reportApproved(cmd.title), conversationId: cmd.conversationId, kind: 'response' }, cmd.organizationId),
        createWorkOrderEntry(filed),
      ]);
    },
  };
}
