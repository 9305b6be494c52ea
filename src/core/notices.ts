/**
 * What Rivet tells people about the outcome of durable jobs. Pure text over core types:
 * the job pipeline decides *when* to say something, these functions decide *what*.
 */
import type { WorkOrderStatus } from './model.js';
import { localized } from './texts/index.js';
import { deNotices } from './notices/de.js';
import { esNotices } from './notices/es.js';
import { ptNotices } from './notices/pt.js';

/** Why a job gave up for good, in terms a technician or supervisor can act on. */
export type FailureCause =
  | { kind: 'atlas_not_configured' }
  | { kind: 'license'; license: 'open_work_orders' | 'files' | 'users' | 'api_key' | 'webhooks' | 'other'; detail?: string | null }
  | { kind: 'rejected'; status: number | null; detail: string | null }
  | { kind: 'not_found'; what: string }
  | { kind: 'auth' }
  | { kind: 'gave_up'; hours: number }
  | { kind: 'cancelled' }
  | { kind: 'internal' };

const STATUS_WORDS: Record<WorkOrderStatus, string> = {
  OPEN: 'OPEN',
  IN_PROGRESS: 'IN_PROGRESS',
  ON_HOLD: 'ON_HOLD',
  COMPLETE: 'COMPLETE',
};

function workOrderFiledEn(customId: string, title: string): string {
  return `Filed ${customId} — ${title}`;
}

function statusChangedEn(customId: string, status: WorkOrderStatus): string {
  return `${customId} is now ${STATUS_WORDS[status]}`;
}

function commentAddedEn(customId: string): string {
  return `Added your comment to ${customId}.`;
}

function reportDelayedEn(): string {
  return "Atlas isn't answering; your report is saved and will be filed as soon as it is back. You don't need to send it again.";
}

function updateDelayedEn(customId: string | null): string {
  return `Atlas isn't answering; your update${customId ? ` to ${customId}` : ''} is saved and will go through as soon as it is back.`;
}

function attachmentKeptByRivetEn(fileName: string, storedAt: string): string {
  return `Attachment "${fileName}" is kept by Rivet (${storedAt}); this Atlas instance is not licensed for file attachments.`;
}

function attachmentsFailedEn(customId: string, count: number): string {
  return `${customId} is filed, but ${count === 1 ? 'its attachment' : `${count} attachments`} could not be added; Rivet keeps the files.`;
}

/** Why something could not be done, and what would fix it. */
function explainFailureEn(cause: FailureCause): string {
  switch (cause.kind) {
    case 'atlas_not_configured':
      return 'Rivet is not connected to Atlas yet, so it cannot file work orders. Ask your administrator to set up the Atlas connection.';
    case 'license':
      switch (cause.license) {
        case 'open_work_orders':
          return 'Atlas refused: this instance is at its free limit of 30 open work orders. Complete or close some work orders (or license Atlas), then report again.';
        case 'files':
          return 'Atlas refused the attachment: this instance is not licensed for files. Rivet keeps the file.';
        case 'users':
          return 'Atlas refused: the free limit of 5 users on paid roles is reached.';
        default:
          return `Atlas refused: this instance lacks the licence for it${cause.detail ? ` (${cause.detail})` : ''}.`;
      }
    case 'rejected':
      return `Atlas refused the request${cause.detail ? `: ${cause.detail}` : ''}. Please check it and try again, or ask a supervisor.`;
    case 'not_found':
      return `Atlas has no ${cause.what} any more.`;
    case 'auth':
      return "Rivet's Atlas account was refused (wrong or revoked credentials). Your administrator has to fix the Atlas connection.";
    case 'gave_up':
      return `Atlas has not answered for ${cause.hours} hours, so Rivet stopped trying. A supervisor can retry it from the admin view.`;
    case 'cancelled':
      return 'Cancelled; nothing was filed.';
    case 'internal':
      return 'Something went wrong inside Rivet; a supervisor has been told.';
  }
}

function reportFailedEn(cause: FailureCause, title: string): string {
  return `Your report "${title}" could not be filed. ${explainFailureEn(cause)}`;
}

function updateFailedEn(cause: FailureCause, customId: string | null): string {
  return `Your update${customId ? ` to ${customId}` : ''} could not be made. ${explainFailureEn(cause)}`;
}

/** A requester hears when someone else changed their work order (jobs/handlers/tell-requester.ts). */
function changedByOtherEn(customId: string, status: WorkOrderStatus, by: string): string {
  return `${customId} is now ${STATUS_WORDS[status]} (changed by ${by}).`;
}

function commentedByOtherEn(customId: string, by: string, text: string): string {
  const said = text.length > 300 ? `${text.slice(0, 299).trimEnd()}…` : text;
  return `${by} commented on ${customId}: “${said}”`;
}

/** A report waiting for a supervisor (jobs/handlers/approval.ts). */
export function approvalQuestion(requester: string, title: string, asset: string | null, priority: string): string {
  return `Approve this report from ${requester}? “${title}”${asset ? ` on ${asset}` : ''}, priority ${priority}. It is filed in Atlas only once approved.`;
}

function reportApprovedEn(title: string): string {
  return `A supervisor approved “${title}”. Filing it now.`;
}

function reportRejectedEn(title: string): string {
  return `A supervisor did not approve “${title}”, so it was not filed. Ask your supervisor if you think it should be.`;
}

function approvalExpiredEn(title: string): string {
  return `No supervisor answered in time, so “${title}” was not filed. Send it again, or talk to your supervisor.`;
}

function questionExpiredEn(question: string, minutes: number): string {
  return `No answer within ${minutes} minutes, so I dropped this question: "${question}". Send your message again when you are ready.`;
}

function assetGoneEn(assetLabel: string): string {
  return `Atlas doesn't know ${assetLabel} any more. Should I file the report without an asset?`;
}


/** What Rivet tells a person about a job's outcome, in English: the master the translations in ./notices follow. */
const en = {
  workOrderFiled: workOrderFiledEn,
  statusChanged: statusChangedEn,
  commentAdded: commentAddedEn,
  reportDelayed: reportDelayedEn,
  updateDelayed: updateDelayedEn,
  attachmentKeptByRivet: attachmentKeptByRivetEn,
  attachmentsFailed: attachmentsFailedEn,
  explainFailure: explainFailureEn,
  reportFailed: reportFailedEn,
  updateFailed: updateFailedEn,
  changedByOther: changedByOtherEn,
  commentedByOther: commentedByOtherEn,
  reportApproved: reportApprovedEn,
  reportRejected: reportRejectedEn,
  approvalExpired: approvalExpiredEn,
  questionExpired: questionExpiredEn,
  assetGone: assetGoneEn,
};

export type NoticeTexts = typeof en;
/** In the language of the person being told (core/texts): job handlers run `inLanguage(…)`. */
const notices: NoticeTexts = localized<NoticeTexts>({ en, es: esNotices, pt: ptNotices, de: deNotices });

export const workOrderFiled: NoticeTexts['workOrderFiled'] = (...a) => notices.workOrderFiled(...a);
export const statusChanged: NoticeTexts['statusChanged'] = (...a) => notices.statusChanged(...a);
export const commentAdded: NoticeTexts['commentAdded'] = (...a) => notices.commentAdded(...a);
export const reportDelayed: NoticeTexts['reportDelayed'] = (...a) => notices.reportDelayed(...a);
export const updateDelayed: NoticeTexts['updateDelayed'] = (...a) => notices.updateDelayed(...a);
export const attachmentKeptByRivet: NoticeTexts['attachmentKeptByRivet'] = (...a) => notices.attachmentKeptByRivet(...a);
export const attachmentsFailed: NoticeTexts['attachmentsFailed'] = (...a) => notices.attachmentsFailed(...a);
export const explainFailure: NoticeTexts['explainFailure'] = (...a) => notices.explainFailure(...a);
export const reportFailed: NoticeTexts['reportFailed'] = (...a) => notices.reportFailed(...a);
export const updateFailed: NoticeTexts['updateFailed'] = (...a) => notices.updateFailed(...a);
export const changedByOther: NoticeTexts['changedByOther'] = (...a) => notices.changedByOther(...a);
export const commentedByOther: NoticeTexts['commentedByOther'] = (...a) => notices.commentedByOther(...a);
export const reportApproved: NoticeTexts['reportApproved'] = (...a) => notices.reportApproved(...a);
export const reportRejected: NoticeTexts['reportRejected'] = (...a) => notices.reportRejected(...a);
export const approvalExpired: NoticeTexts['approvalExpired'] = (...a) => notices.approvalExpired(...a);
export const questionExpired: NoticeTexts['questionExpired'] = (...a) => notices.questionExpired(...a);
export const assetGone: NoticeTexts['assetGone'] = (...a) => notices.assetGone(...a);

/** Atlas shows work orders as WO000042; a number alone is padded the same way. */
export function customIdOf(atlasCustomId: string | null | undefined, atlasId: number): string {
  return atlasCustomId && atlasCustomId.trim() ? atlasCustomId : `#${atlasId}`;
}
