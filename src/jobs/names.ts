/**
 * Queues, job names and payloads of the pipeline, and how a cause becomes a job id.
 * Every job id derives from what caused it, so the same cause never runs twice.
 */
import type {
  AddCommentCommand, ChangeStatusCommand, CreateWorkOrderCommand, OutboundMessage,
} from '../core/ports.js';
import type { Priority } from '../core/model.js';

export const QUEUES = {
  /** Writes to Atlas: work orders, comments, files, status changes. */
  atlas: 'atlas',
  /** Messages to chats (Telegram, Slack), rate limited per chat. */
  outbound: 'outbound',
  /** Verified, deduplicated webhook deliveries (Telegram updates, Atlas events, …). */
  inbound: 'inbound',
  /** Sign-up provisioning (Stripe → Atlas users); handlers come with the provisioning work. */
  provisioning: 'provisioning',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface QuestionAnswer {
  questionId: string;
  answer: string;
  answeredBy: string;
  /** Nobody answered in time; the job falls back to its safe default. */
  expired?: boolean;
}

export interface CreateWorkOrderJob {
  cmd: CreateWorkOrderCommand;
  /** Answers to questions this job asked while parked, oldest first. */
  answers?: QuestionAnswer[];
}
export interface ChangeStatusJob { cmd: ChangeStatusCommand }
export interface AddCommentJob { cmd: AddCommentCommand }
export interface AttachFilesJob {
  /** The command that brought the files (its key derives every file's key). */
  idempotencyKey: string;
  organizationId: string;
  workOrderId: number;
  customId: string;
  attachments: NonNullable<CreateWorkOrderCommand['attachments']>;
  notify: OutboundMessage['to'];
  conversationId: string | null;
  /** The requester's language (core/texts), for the notice if some files could not be added. */
  language?: CreateWorkOrderCommand['language'];
}
export interface SendJob { message: OutboundMessage; organizationId: string | null }
export interface InboundJob { source: 'telegram' | 'slack' | 'stripe' | 'atlas' | 'demo'; externalId: string; payload: unknown }

export type JobName = 'createWorkOrder' | 'changeStatus' | 'addComment' | 'attachFiles' | 'send' | 'inbound' | (string & {});

/** BullMQ forbids ':' in custom ids; the key is kept readable and unique by escaping. */
export function jobIdFor(name: JobName, key: string): string {
  return `${name}.${key.replace(/[^A-Za-z0-9._@=+-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}`;
}

/** BullMQ priority: lower is sooner. HIGH reports go first. */
export function priorityFor(priority: Priority | null | undefined): number {
  switch (priority) {
    case 'HIGH':
      return 1;
    case 'MEDIUM':
      return 2;
    case 'LOW':
      return 3;
    default:
      return 3;
  }
}

/** Keys of messages a command causes, derived from the command's own key. */
export const noticeKey = {
  filed: (key: string) => `${key}/filed`,
  delayed: (key: string) => `${key}/delayed`,
  failed: (key: string) => `${key}/failed`,
  done: (key: string) => `${key}/done`,
  files: (key: string) => `${key}/files`,
  fileKept: (key: string, i: number) => `${key}/file-kept/${i}`,
  status: (linkId: string, status: string, at: Date) => `wo-status/${linkId}/${status}/${at.getTime()}`,
  question: (questionId: string) => `question/${questionId}`,
  questionExpired: (questionId: string) => `question/${questionId}/expired`,
  answer: (key: string, questionId: string) => `${key}/answer/${questionId}`,
};
