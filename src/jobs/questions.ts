/**
 * Worker questions: a job that lacks something parks itself, asks in the right chat (the
 * technician's, or a supervisor through oversight), and is resumed by the answer as a new job
 * whose id derives from the question. Unanswered questions expire with a notice, or resume
 * with the expiry when the job has a safe default.
 */
import type { Logger } from 'pino';
import { questionExpired } from '../core/notices.js';
import type { ChatAddress, Clock, Oversight, QuestionDesk } from '../core/ports.js';
import type { Db } from '../db/client.js';
import type { OutboxEntry } from '../db/repositories/outbox.js';
import { createPendingQuestionRepository, type PendingQuestion } from '../db/repositories/pending-questions.js';
import type { Enqueuer } from './enqueue.js';
import { sendEntry } from './entries.js';
import { noticeKey, type QuestionAnswer } from './names.js';

export interface AskInput {
  organizationId: string;
  conversationId: string | null;
  /** Where the question goes (the technician's chat, or the Slack thread). */
  to: ChatAddress;
  audience: 'technician' | 'supervisor';
  /** The person a technician's question is for: in a group chat only they may answer it. */
  askedPersonId?: string | null;
  question: string;
  /** Shown as buttons; the answer is the chosen text. */
  choices?: string[];
  /** The job to run with the answer (its payload gets `answers` appended). */
  resume: OutboxEntry;
  /** 'resume' runs the job with an expired answer instead of only telling the person. */
  onExpiry?: 'notify' | 'resume';
  ttlMs?: number;
  requesterName?: string;
}

export interface QuestionAsker {
  ask(q: AskInput): Promise<{ questionId: string }>;
}

export interface Questions extends QuestionDesk, QuestionAsker {
  /** A button's answer: `q:<questionId>:<choice index>` (well under Telegram's 64 bytes). */
  answerButton(input: { data: string; answeredBy: string }): ReturnType<QuestionDesk['answer']>;
  /** Expires questions past their time; returns how many. */
  expireDue(): Promise<number>;
  /** Open questions of a chat, newest first (for routing a free-text reply). */
  openForChat(channel: string, chatId: string): Promise<PendingQuestion[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BUTTON = /^q:([0-9a-f-]{36}):(\d{1,2})$/i;

export function questionButtonData(questionId: string, choice: number): string {
  return `q:${questionId}:${choice}`;
}
export function parseQuestionButton(data: string): { questionId: string; choice: number } | null {
  const m = BUTTON.exec(data);
  return m ? { questionId: m[1]!, choice: Number(m[2]) } : null;
}

interface StoredOptions {
  choices: string[];
  onExpiry: 'notify' | 'resume';
  priority: number;
  resumeJobId: string;
}

export function createQuestions(deps: {
  db: Db;
  enqueuer: Enqueuer;
  oversight: Oversight;
  clock: Clock;
  logger: Logger;
  technicianTtlMs: number;
  supervisorTtlMs: number;
}): Questions {
  const repo = createPendingQuestionRepository(deps.db);
  const log = deps.logger.child({ component: 'questions' });

  function resumeEntry(row: PendingQuestion, answer: QuestionAnswer): OutboxEntry {
    const opts = row.options as StoredOptions;
    const payload = row.resumePayload as { answers?: QuestionAnswer[] };
    return {
      jobId: `${opts.resumeJobId}.a.${row.id}`,
      organizationId: row.organizationId,
      queue: row.resumeQueue,
      name: row.resumeName,
      payload: { ...payload, answers: [...(payload.answers ?? []), answer] },
      priority: opts.priority,
    };
  }

  function afterExpiry(row: PendingQuestion): OutboxEntry {
    const opts = row.options as StoredOptions;
    if (opts.onExpiry === 'resume') return resumeEntry(row, { questionId: row.id, answer: '', answeredBy: 'expiry', expired: true });
    const minutes = Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 60_000);
    const to: ChatAddress = { channel: row.askedChannel as ChatAddress['channel'], chatId: row.askedChatId, threadId: row.askedThreadId };
    return sendEntry({ idempotencyKey: noticeKey.questionExpired(row.id), to, text: questionExpired(row.question, minutes), conversationId: row.conversationId, kind: 'response' }, row.organizationId);
  }

  async function answer(input: { questionId: string; answer: string; answeredBy: string }) {
    if (!UUID.test(input.questionId)) return 'unknown' as const;
    const now = deps.clock.now();
    const qa: QuestionAnswer = { questionId: input.questionId, answer: input.answer, answeredBy: input.answeredBy };
    let entry: OutboxEntry | null = null;
    await deps.db.transaction(async (tx) => {
      const row = await createPendingQuestionRepository(tx as unknown as Db).answer(input.questionId, qa, now);
      if (!row) return;
      entry = resumeEntry(row, qa);
      await deps.enqueuer.write(tx, [entry]);
    });
    if (entry) {
      await deps.enqueuer.push([entry]);
      log.info({ questionId: input.questionId }, 'question answered; job resumed');
      return 'resumed' as const;
    }
    const row = await repo.get(input.questionId);
    if (!row) return 'unknown' as const;
    if (row.answeredAt) return 'already_answered' as const;
    return 'expired' as const;
  }

  return {
    answer,

    async whoMayAnswer(data) {
      const parsed = parseQuestionButton(data);
      const row = parsed && UUID.test(parsed.questionId) ? await repo.get(parsed.questionId) : null;
      if (!row) return null;
      return { audience: row.audience === 'supervisor' ? 'supervisor' : 'technician', askedPersonId: row.askedUserId };
    },

    async answerButton({ data, answeredBy }) {
      const parsed = parseQuestionButton(data);
      if (!parsed || !UUID.test(parsed.questionId)) return 'unknown';
      const row = await repo.get(parsed.questionId);
      const choice = (row?.options as StoredOptions | null)?.choices[parsed.choice];
      if (!row || choice === undefined) return 'unknown';
      return answer({ questionId: parsed.questionId, answer: choice, answeredBy });
    },

    async ask(q) {
      const now = deps.clock.now();
      const ttl = q.ttlMs ?? (q.audience === 'supervisor' ? deps.supervisorTtlMs : deps.technicianTtlMs);
      const options: StoredOptions = { choices: q.choices ?? [], onExpiry: q.onExpiry ?? 'notify', priority: q.resume.priority, resumeJobId: q.resume.jobId };
      const row = await repo.create({
        organizationId: q.organizationId,
        conversationId: q.conversationId,
        askedChannel: q.to.channel,
        askedChatId: q.to.chatId,
        askedThreadId: q.to.threadId ?? null,
        audience: q.audience,
        askedUserId: q.askedPersonId ?? null,
        question: q.question,
        options: options as never,
        resumeQueue: q.resume.queue,
        resumeName: q.resume.name,
        resumePayload: q.resume.payload as never,
        expiresAt: new Date(now.getTime() + ttl),
        createdAt: now,
      });
      const buttons = options.choices.map((text, i) => [{ text, data: questionButtonData(row.id, i) }]);
      if (q.audience === 'supervisor' && q.conversationId) {
        const { delivered } = await deps.oversight.askSupervisor({
          organizationId: q.organizationId,
          conversationId: q.conversationId,
          requesterName: q.requesterName ?? 'a technician',
          text: q.question,
          replyTo: q.to,
          key: noticeKey.question(row.id),
          topic: 'decision',
          questionId: row.id,
          choices: buttons.flat(),
        });
        if (delivered) return { questionId: row.id };
      }
      await deps.enqueuer.enqueue([
        sendEntry(
          { idempotencyKey: noticeKey.question(row.id), to: q.to, text: q.question, ...(buttons.length ? { buttons } : {}), conversationId: q.conversationId, kind: 'response' },
          q.organizationId,
        ),
      ]);
      log.info({ questionId: row.id, audience: q.audience, resume: q.resume.jobId }, 'question asked; job parked');
      return { questionId: row.id };
    },

    async expireDue() {
      const now = deps.clock.now();
      let expired = 0;
      for (const id of await repo.due(now)) {
        // Expiry and what follows it (notice or resume) commit together, or not at all.
        const done = await deps.db.transaction(async (tx) => {
          const row = await createPendingQuestionRepository(tx as unknown as Db).expire(id, now);
          if (!row) return null;
          const entry = afterExpiry(row);
          await deps.enqueuer.write(tx, [entry]);
          return { row, entry };
        });
        if (!done) continue;
        expired++;
        await deps.enqueuer.push([done.entry], { fresh: true });
        log.info({ questionId: id, onExpiry: (done.row.options as StoredOptions).onExpiry }, 'question expired');
      }
      return expired;
    },

    openForChat: (channel, chatId) => repo.openForChat(channel, chatId),
  };
}
