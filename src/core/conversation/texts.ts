/**
 * Everything the bot says, in one place: short, plain, readable on a phone with gloves on.
 * Work orders always show as WO000042; assets as name · location.
 */
import type { Channel, WorkOrderStatus, WorkOrderSummary } from '../model.js';
import { localized, type Catalog } from '../texts/index.js';
import type { Draft, WoRef } from './types.js';
import { de, deRefusal } from './i18n/de.js';
import { es, esRefusal } from './i18n/es.js';
import { pt, ptRefusal } from './i18n/pt.js';

export { assetLabel, candidateLabels, customId, PRIORITY_LABEL, STATUS_LABEL } from './format.js';
import { attachmentsLine, PRIORITY_LABEL, STATUS_LABEL, customId, type FileWords } from './format.js';

const FILES: FileWords = { photo: ['photo', 'photos'], voice: ['voice note', 'voice notes'], file: ['file', 'files'] };

const STALE_BUTTON = 'This button is out of date. Use the latest message.';

const welcome = (name: string) =>
  [
    `Hi ${name}, I'm Rivet. I file maintenance work orders for you.`,
    `1. Tell me what's wrong and where: “Pump 301 leaking oil, urgent”.`,
    `2. Add a photo or voice note if it helps.`,
    `3. Ask “my work orders” or “status 42” any time.`,
  ].join('\n');

/** What the bot says, in English: the master catalog the translations in ./i18n follow. */
const en = {
  welcome,
  welcomeBack: (name: string) => `Welcome back, ${name}. Tell me what's wrong and where, and I'll file it.`,
  help: [
    'Tell me what is broken and where, e.g. “Pump 301 leaking oil, urgent”. I will file a work order.',
    '',
    '/mine – your work orders',
    '/status 42 – where WO000042 stands',
    '/site – where you work (I look there first)',
    '“42 done”, “42 in progress” – change a status',
    '“add to 42: seal replaced” – a comment',
    '/cancel – drop what we are doing',
    '/language – change the language',
    '/help – this list',
  ].join('\n'),
  smalltalk: (name: string) => `👋 Hi ${name}. Tell me what's broken and where, and I'll file it.`,
  notUnderstood: 'Sorry, I didn’t get that. Tell me what’s broken and where (“Pump P-501 leaking oil”), or send /help.',
  thanks: 'You’re welcome. Anything else broken, just tell me.',
  cancelled: 'Cancelled. Nothing was filed.',
  nothingToCancel: 'Nothing to cancel. Tell me what’s broken and I’ll file it.',
  expired: (what: string) => `⌛ Your unfinished ${what} expired after 30 minutes. Send it again when you’re ready.`,
  replaced: (what: string) => `I dropped your unfinished ${what} and started on this one.`,
  /** Said at most once per pending step. */
  stillPending: (what: string, tap = true) => `Your ${what} is still waiting for ${tap ? 'a tap' : 'your answer'} above.`,

  askDescription: (asset: string | null) =>
    asset ? `Reporting on ${asset}. What's wrong?` : `Got it. What's the problem, and on which machine?`,
  whichAsset: (mention: string | null) =>
    mention ? `Which one is “${mention}”?` : 'Which machine is it?',
  askAssetName: (mention: string | null) =>
    mention
      ? `I can't find “${mention}”. Which machine is it? Send its name or the number on its tag.`
      : 'Which machine is it? Send its name or the number on its tag.',
  noneOfThese: 'None of these',
  dontKnow: 'Not sure / none',
  handedToSupervisor: 'OK, I passed it to a supervisor, who will pick the machine. Their answer comes here.',
  noAssetCard: 'No problem, I’ll file it without a machine; a supervisor can set it later.',
  confirmCard: (d: Draft) =>
    [
      'New work order',
      `Asset: ${d.assetLabel ?? 'not set'}`,
      `Priority: ${PRIORITY_LABEL[d.priority]}`,
      `Title: ${d.title}`,
      ...attachmentsLine(d.attachments, FILES),
    ].join('\n'),
  choosePriority: (d: Draft) => `Priority for “${d.title}”?`,
  create: '✅ Create',
  changePriority: 'Priority',
  changeTitle: 'Title',
  askTitle: (d: Draft) => `Send the new title (a few words, at most 60 characters). Now: “${d.title}”`,
  titleEmpty: 'That title is empty. Send a few words, or tap Cancel.',
  cancel: 'Cancel',
  filing: (d: Draft) => `⏳ Filing “${d.title}”${d.assetLabel ? ` on ${d.assetLabel}` : ''}…`,
  existingOpen: (asset: string, wo: WorkOrderSummary) =>
    `${asset} already has an open work order:\n${wo.customId} ${wo.title} (${STATUS_LABEL[wo.status]})\nAdd your report to it instead?`,
  addTo: (wo: WoRef) => `Add to ${wo.customId}`,
  createNew: 'Create new',
  addingComment: (wo: WoRef) => `⏳ Adding it to ${wo.customId}…`,
  attachmentAdded: (n: number) => `📎 Added to this report (${n} file${n > 1 ? 's' : ''}).`,
  tooManyAttachments: (max: number) => `That report already has ${max} files, the most I can attach.`,

  // The same words for a number that does not exist and for someone else's work order.
  notFound: (n: number) => `I can't find ${customId(n)} in your work orders. Check the number, or send /mine to see yours.`,
  slowDown: (waitMs: number) =>
    `That's a lot of work order lookups in a short time. Give me ${waitMs >= 90_000 ? `${Math.ceil(waitMs / 60_000)} minutes` : waitMs >= 45_000 ? 'a minute' : `${Math.max(1, Math.ceil(waitMs / 1000))} seconds`} and ask again.`,
  readOnly:
    'Your Rivet subscription has lapsed: you can still check your work orders (/mine, /status 42), but not file or change them. Ask your administrator to renew.',
  quota: (limit: number, used: number) =>
    `Your plan allows ${limit} report${limit === 1 ? '' : 's'} a month; you have used ${used}. Ask your administrator to upgrade.`,
  awaitingApproval: (d: Draft) =>
    `⏳ “${d.title}” needs a supervisor’s approval before I file it (your plan asks for that). I’ve asked; I’ll tell you here.`,
  notAsked: (audience: 'technician' | 'supervisor') =>
    audience === 'supervisor' ? 'Only a supervisor can answer this.' : 'This question is for someone else.',
  atlasDown: 'Atlas (the maintenance system) is not answering right now. Try again in a minute.',
  statusCard: (wo: WorkOrderSummary) =>
    [
      `${wo.customId} · ${wo.title}`,
      `Status: ${STATUS_LABEL[wo.status]} · Priority: ${PRIORITY_LABEL[wo.priority]}`,
      ...(wo.asset ? [`Asset: ${wo.asset.name}${wo.location ? ` · ${wo.location.name}` : ''}`] : []),
      ...(wo.assignees.length ? [`Assigned: ${wo.assignees.join(', ')}`] : []),
    ].join('\n'),
  myList: (wos: WorkOrderSummary[], total: number) =>
    [
      total > wos.length ? `Your latest ${wos.length} of ${total} work orders:` : 'Your work orders:',
      ...wos.map((wo) => `${wo.customId} ${wo.title} – ${STATUS_LABEL[wo.status]}`),
    ].join('\n'),
  noneYet: 'You have no work orders yet. Tell me what’s broken and I’ll file one.',
  whichWorkOrder: 'Which work order? Send its number, e.g. 42.',
  chooseStatus: (wo: WoRef) => `${wo.customId} ${wo.title}: set it to…`,
  confirmStatus: (wo: WoRef, s: WorkOrderStatus) => `Set ${wo.customId} “${wo.title}” to ${STATUS_LABEL[s]}?`,
  confirmYes: (s: WorkOrderStatus) => (s === 'COMPLETE' ? '✅ Complete it' : `✅ ${STATUS_LABEL[s]}`),
  alreadyStatus: (wo: WoRef, s: WorkOrderStatus) => `${wo.customId} is already ${STATUS_LABEL[s]}.`,
  askClosingNote: (wo: WoRef) => `Any closing note for ${wo.customId}? Send it, or tap Skip.`,
  skip: 'Skip',
  changingStatus: (wo: WoRef, s: WorkOrderStatus) => `⏳ Setting ${wo.customId} to ${STATUS_LABEL[s]}…`,
  askComment: (wo: WoRef) => `What should I add to ${wo.customId}?`,

  supervisorAsked: 'I passed your question to a supervisor. Their answer will come here.',
  notUnderstoodAsked: 'Sorry, I didn’t get that, so I passed it to a supervisor. Their answer will come here.',
  supervisorPicked: (by: string, asset: string) => `${by} (supervisor) picked the machine: ${asset}.`,
  supervisorNoAsset: (by: string) => `${by} (supervisor) says to file it without a machine.`,
  takenOver: (by: string) => `${by} (supervisor) is handling this conversation; they will answer you here.`,
  /** No supervisor is connected to Rivet: how to reach one (RIVET_SUPERVISOR_CONTACT), never a dead end. */
  noSupervisor: (contact: string | null) =>
    contact
      ? `I can’t pass this to a supervisor from here. You can reach one at: ${contact}`
      : 'I can’t pass this to a supervisor from here. Please call or find your supervisor on site.',
  /** A message that is nothing but gibberish, with no supervisor connected. */
  notUnderstoodNoSupervisor: (contact: string | null) =>
    contact
      ? `Sorry, I didn’t get that. Tell me what’s broken and where (“Pump P-501 leaking oil”), or reach a supervisor at: ${contact}`
      : 'Sorry, I didn’t get that. Tell me what’s broken and where (“Pump P-501 leaking oil”), or send /help.',
  clarify: 'I’m not sure what you mean. Is it one of these?',
  clarifyNumber: (n: number) => `${n}: do you mean the work order or the machine?`,
  meaningStatus: (n: number) => `Status of ${customId(n)}?`,
  meaningReport: 'Report a problem',
  meaningReportOn: (asset: string) => `Report a problem on ${asset}`,
  meaningMine: 'My work orders',
  meaningHuman: 'Ask a supervisor',
  /** A side message while a step waits, that Rivet could not place. */
  notUnderstoodPending: 'Sorry, I didn’t get that.',
  wave: '👋',

  siteShown: (set: string | null, learned: string[], sites: string[]) =>
    [
      set ? `You work at ${set} (you set it).` : learned.length ? '' : 'I don’t know where you work yet.',
      learned.length ? `${set ? 'You also report' : 'You usually report'} from ${learned.join(', ')}.` : '',
      'When a machine’s name fits several places, I look there first.',
      `Change it: /site <name>${set ? ', or /site none' : ''}${sites.length ? ` (sites: ${sites.slice(0, 12).join(', ')})` : ''}.`,
    ].filter(Boolean).join('\n'),
  siteSet: (site: string) => `OK, you work at ${site}. When a machine’s name fits several places, I’ll look there first.`,
  siteCleared: 'OK, I forgot the site you set. I still learn where you work from your reports.',
  siteWhich: (sites: string[]) => `Which one? ${sites.join(', ')}. Send /site with its name.`,
  siteUnknown: (said: string, sites: string[]) => `I don’t know a site called “${said}”.${sites.length ? ` Sites: ${sites.slice(0, 12).join(', ')}.` : ''}`,

  staleButton: STALE_BUTTON,
  foreignButton: (owner: string) => `These buttons are for ${owner}.`,
  tapFailed: 'Something went wrong. Please tap again.',
  questionAnswered: {
    resumed: 'Thanks, got it.',
    already_answered: 'That was already answered.',
    expired: 'That question has expired.',
    unknown: STALE_BUTTON,
  },
  done: 'Done',

  unknownCommand: 'I don’t know that command. /help lists what I can do.',
  statusUsage: 'Send the work order number, e.g. /status 42.',
  cannotRead: 'I can read text, photos and voice notes. Tell me what’s broken and where.',
  fileTooBig: (limitMb: number, platform: string) =>
    `That file is over ${limitMb} MB, the most ${platform} lets me download. Send a smaller photo or a shorter voice note.`,
  fileUnavailable: (platform: string) => `I couldn’t fetch that file from ${platform}. Please send it again.`,
  fileQuotaFull: (quotaMb: number) =>
    `Sorry, I can’t keep more files for you right now: your photos and voice notes have reached the ${quotaMb} MB Rivet keeps per person. Describe the problem in words, or ask your administrator.`,

  linkRefused: {
    used: 'This link was already used. If that was not you, ask your administrator for a new one.',
    expired: 'This link has expired (links last 7 days). Ask your administrator for a new one.',
    unknown: 'I don’t recognise this link. Check it, or ask your administrator for a new one.',
  },
  linkInUse: (platform: string) =>
    `This ${platform} account already belongs to another Rivet account, so this link can’t take it over. Ask your administrator.`,
  linked: (platform: string, tier: string, name: string) =>
    `✅ Linked. Your ${platform} is now connected to your Rivet account (${tier}).\n\n${welcome(name)}`,
  language: {
    choose: (current: string) => `I answer in ${current}. Pick another language, or Automatic to follow the language you write in:`,
    set: 'OK, I’ll answer in English from now on.',
    auto: 'OK, I’ll answer in the language you write in.',
    autoButton: 'Automatic',
    usage: 'Send /language with en, es, pt or de (e.g. /language es), or /language auto.',
  },
  /** How a pending step is named in "your unfinished …" notices. */
  pending: {
    report: 'report',
    reportAbout: (asset: string) => `report about ${asset}`,
    change: (customId: string) => `change to ${customId}`,
    request: 'request',
  },
} as const;

export type ConversationTexts = Catalog<typeof en>;
/** Everything the chat says to a person, in the language of the turn (core/texts). */
export const t: ConversationTexts = localized<ConversationTexts>({ en, es, pt, de });

/** Refusals before a conversation opens: sign-up modes, switched-off people, groups nobody allowed. */
const refusalEn = {
  stranger: (platform: string) =>
    `Hi! Rivet here is by invitation only. Ask your administrator or supervisor for a sign-up link: tapping it connects your ${platform} to Rivet.`,
  not_customer: () =>
    'Hi! Rivet here is for subscribers only, and your account has no active subscription. Ask your administrator for a sign-up link.',
  disabled: () => 'Your Rivet account is switched off. Ask your administrator if you need it back.',
  toast: 'You don’t have access to Rivet here.',
  group: (chatId: string) =>
    `I’m not set up to work in this group, so I’m leaving. An administrator can allow it in Rivet (group id ${chatId}) and add me again.`,
  groupToast: 'I’m not set up to work in this group.',
  groupHello: 'Hi all! Mention me with what’s broken and where, and I’ll file it. /help lists the rest.',
} as const;

export type RefusalTexts = Catalog<typeof refusalEn>;
export const refusal: RefusalTexts = localized<RefusalTexts>({ en: refusalEn, es: esRefusal, pt: ptRefusal, de: deRefusal });

/** How a platform is named to the people on it ("the most Telegram lets me download"). */
export const PLATFORM_NAME: Record<Channel, string> = { telegram: 'Telegram', slack: 'Slack', demo: 'Demo chat' };

/** How a pending step is named in "your unfinished …" notices. */
export function pendingName(state: { kind: string; draft?: Draft; workOrder?: WoRef }): string {
  if (state.draft) return state.draft.assetLabel ? t.pending.reportAbout(state.draft.assetLabel) : t.pending.report;
  if (state.workOrder) return t.pending.change(state.workOrder.customId);
  return t.pending.request;
}
