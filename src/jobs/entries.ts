/** Outbox entries for each kind of job, keyed by the cause. */
import type {
  AddCommentCommand, ChangeStatusCommand, CreateWorkOrderCommand, OutboundMessage,
} from '../core/ports.js';
import type { OutboxEntry } from '../db/repositories/outbox.js';
import {
  QUEUES, jobIdFor, priorityFor,
  type AttachFilesJob, type CreateWorkOrderJob, type InboundJob, type SendJob,
} from './names.js';

/** Replies people wait for go before status notices; both before nothing else. */
const SEND_PRIORITY = { response: 1, status: 2 } as const;

export function createWorkOrderEntry(cmd: CreateWorkOrderCommand, answers?: CreateWorkOrderJob['answers'], jobKey = cmd.idempotencyKey): OutboxEntry {
  const payload: CreateWorkOrderJob = answers?.length ? { cmd, answers } : { cmd };
  return {
    jobId: jobIdFor('createWorkOrder', jobKey),
    organizationId: cmd.organizationId,
    queue: QUEUES.atlas,
    name: 'createWorkOrder',
    payload,
    priority: priorityFor(cmd.priority),
  };
}

export function changeStatusEntry(cmd: ChangeStatusCommand): OutboxEntry {
  return { jobId: jobIdFor('changeStatus', cmd.idempotencyKey), organizationId: cmd.organizationId, queue: QUEUES.atlas, name: 'changeStatus', payload: { cmd }, priority: 2 };
}

export function addCommentEntry(cmd: AddCommentCommand): OutboxEntry {
  return { jobId: jobIdFor('addComment', cmd.idempotencyKey), organizationId: cmd.organizationId, queue: QUEUES.atlas, name: 'addComment', payload: { cmd }, priority: 3 };
}

export function attachFilesEntry(job: AttachFilesJob): OutboxEntry {
  return { jobId: jobIdFor('attachFiles', job.idempotencyKey), organizationId: job.organizationId, queue: QUEUES.atlas, name: 'attachFiles', payload: job, priority: 3 };
}

export function sendEntry(message: OutboundMessage, organizationId: string | null): OutboxEntry {
  const payload: SendJob = { message, organizationId };
  return {
    jobId: jobIdFor('send', message.idempotencyKey),
    organizationId,
    queue: QUEUES.outbound,
    name: 'send',
    payload,
    priority: SEND_PRIORITY[message.kind ?? 'response'],
  };
}

export function inboundEntry(job: InboundJob, organizationId: string | null): OutboxEntry {
  return { jobId: jobIdFor('inbound', `${job.source}/${job.externalId}`), organizationId, queue: QUEUES.inbound, name: 'inbound', payload: job, priority: 0 };
}
