/** Was der Bot sagt, auf Deutsch (folgt dem englischen Katalog in ../texts.ts Eintrag für Eintrag). */
import type { Priority, WorkOrderStatus, WorkOrderSummary } from '../../model.js';
import type { ConversationTexts, RefusalTexts } from '../texts.js';
import { attachmentsLine, customId, type FileWords } from '../format.js';
import type { Draft, WoRef } from '../types.js';

const STATUS: Record<WorkOrderStatus, string> = { OPEN: 'Offen', IN_PROGRESS: 'In Arbeit', ON_HOLD: 'Pausiert', COMPLETE: 'Erledigt' };
const PRIORITY: Record<Priority, string> = { NONE: 'Keine', LOW: 'Niedrig', MEDIUM: 'Mittel', HIGH: 'Hoch' };
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const FILES: FileWords = { photo: ['Foto', 'Fotos'], voice: ['Sprachnachricht', 'Sprachnachrichten'], file: ['Datei', 'Dateien'] };
const STALE = 'Dieser Knopf ist veraltet. Bitte die neueste Nachricht verwenden.';
const welcome = (name: string) =>
  [
    `Hallo ${name}, ich bin Rivet. Ich lege Wartungsaufträge für dich an.`,
    '1. Sag mir, was kaputt ist und wo: „Pumpe 301 verliert Öl, dringend“.',
    '2. Schick ein Foto oder eine Sprachnachricht, wenn das hilft.',
    '3. Frag jederzeit „meine Aufträge“ oder „Status 42“.',
  ].join('\n');
const wait = (ms: number) => (ms >= 90_000 ? `${Math.ceil(ms / 60_000)} Minuten` : ms >= 45_000 ? 'eine Minute' : `${Math.max(1, Math.ceil(ms / 1000))} Sekunden`);

export const de: ConversationTexts = {
  welcome,
  welcomeBack: (name) => `Willkommen zurück, ${name}. Sag mir, was kaputt ist und wo, und ich lege den Auftrag an.`,
  help: [
    'Sag mir, was kaputt ist und wo, z. B. „Pumpe 301 verliert Öl, dringend“. Ich lege einen Arbeitsauftrag an.',
    '',
    '/mine – deine Arbeitsaufträge',
    '/status 42 – wie es um WO000042 steht',
    '/site – wo du arbeitest (ich schaue dort zuerst)',
    '„42 erledigt“, „42 angefangen“ – einen Status ändern',
    '„zu 42: Dichtung getauscht“ – ein Kommentar',
    '/cancel – abbrechen, was wir gerade tun',
    '/language – Sprache wechseln',
    '/help – diese Liste',
  ].join('\n'),
  smalltalk: (name) => `👋 Hallo ${name}. Sag mir, was kaputt ist und wo, und ich lege den Auftrag an.`,
  notUnderstood: 'Entschuldige, das habe ich nicht verstanden. Sag mir, was kaputt ist und wo („Pumpe P-501 verliert Öl“), oder schick /help.',
  thanks: 'Gern geschehen. Wenn noch etwas kaputt ist, sag es einfach.',
  cancelled: 'Abgebrochen. Es wurde nichts angelegt.',
  nothingToCancel: 'Es gibt nichts abzubrechen. Sag mir, was kaputt ist, und ich lege den Auftrag an.',
  expired: (what) => `⌛ Deine unfertige ${what} ist nach 30 Minuten verfallen. Schick sie noch einmal, wenn du so weit bist.`,
  replaced: (what) => `Ich habe deine unfertige ${what} verworfen und mit dieser angefangen.`,
  stillPending: (what, tap = true) => `Deine ${what} wartet oben noch auf ${tap ? 'einen Tipp' : 'deine Antwort'}.`,
  askDescription: (asset) => (asset ? `Meldung zu ${asset}. Was ist kaputt?` : 'Verstanden. Was ist das Problem, und an welcher Maschine?'),
  whichAsset: (mention) => (mention ? `Welche ist „${mention}“?` : 'Welche Maschine ist es?'),
  askAssetName: (mention) =>
    mention
      ? `Ich finde „${mention}“ nicht. Welche Maschine ist es? Schick ihren Namen oder die Nummer auf ihrem Schild.`
      : 'Welche Maschine ist es? Schick ihren Namen oder die Nummer auf ihrem Schild.',
  noneOfThese: 'Keine davon',
  dontKnow: 'Weiß nicht / keine',
  handedToSupervisor: 'Gut, ich habe es an einen Vorgesetzten gegeben, der die Maschine auswählt. Die Antwort kommt hierher.',
  noAssetCard: 'Kein Problem, ich lege ihn ohne Maschine an; ein Vorgesetzter kann sie später setzen.',
  confirmCard: (d: Draft) =>
    ['Neuer Arbeitsauftrag', `Anlage: ${d.assetLabel ?? 'nicht gesetzt'}`, `Priorität: ${PRIORITY[d.priority]}`, `Titel: ${d.title}`, ...attachmentsLine(d.attachments, FILES)].join('\n'),
  choosePriority: (d) => `Priorität für „${d.title}“?`,
  create: '✅ Anlegen',
  changePriority: 'Priorität',
  changeTitle: 'Titel',
  askTitle: (d) => `Schick den neuen Titel (ein paar Wörter, höchstens 60 Zeichen). Jetzt: „${d.title}“`,
  titleEmpty: 'Der Titel ist leer. Schick ein paar Wörter oder tippe auf Abbrechen.',
  cancel: 'Abbrechen',
  filing: (d) => `⏳ Lege „${d.title}“${d.assetLabel ? ` an ${d.assetLabel}` : ''} an…`,
  existingOpen: (asset: string, wo: WorkOrderSummary) =>
    `${asset} hat schon einen offenen Auftrag:\n${wo.customId} ${wo.title} (${STATUS[wo.status]})\nDeine Meldung stattdessen dort anhängen?`,
  addTo: (wo: WoRef) => `An ${wo.customId} anhängen`,
  createNew: 'Neu anlegen',
  addingComment: (wo) => `⏳ Hänge es an ${wo.customId} an…`,
  attachmentAdded: (n) => `📎 Zu dieser Meldung hinzugefügt (${plural(n, 'Datei', 'Dateien')}).`,
  tooManyAttachments: (max) => `Diese Meldung hat schon ${max} Dateien, mehr kann ich nicht anhängen.`,
  notFound: (n) => `Ich finde ${customId(n)} nicht unter deinen Arbeitsaufträgen. Prüf die Nummer oder schick /mine, um deine zu sehen.`,
  slowDown: (ms) => `Das sind viele Auftragsabfragen in kurzer Zeit. Gib mir ${wait(ms)} und frag dann noch einmal.`,
  readOnly:
    'Dein Rivet-Abo ist abgelaufen: Du kannst deine Aufträge noch ansehen (/mine, /status 42), aber keine anlegen oder ändern. Bitte deinen Administrator, es zu verlängern.',
  quota: (limit, used) => `Dein Tarif erlaubt ${plural(limit, 'Meldung', 'Meldungen')} im Monat; du hast ${used} genutzt. Bitte deinen Administrator um ein Upgrade.`,
  awaitingApproval: (d) => `⏳ „${d.title}“ braucht vor dem Anlegen die Freigabe eines Vorgesetzten (dein Tarif verlangt das). Ich habe gefragt und melde mich hier.`,
  notAsked: (audience) => (audience === 'supervisor' ? 'Nur ein Vorgesetzter kann das beantworten.' : 'Diese Frage ist für jemand anderen.'),
  atlasDown: 'Atlas (das Wartungssystem) antwortet gerade nicht. Versuch es in einer Minute noch einmal.',
  statusCard: (wo) =>
    [
      `${wo.customId} · ${wo.title}`,
      `Status: ${STATUS[wo.status]} · Priorität: ${PRIORITY[wo.priority]}`,
      ...(wo.asset ? [`Anlage: ${wo.asset.name}${wo.location ? ` · ${wo.location.name}` : ''}`] : []),
      ...(wo.assignees.length ? [`Zugewiesen: ${wo.assignees.join(', ')}`] : []),
    ].join('\n'),
  myList: (wos, total) =>
    [total > wos.length ? `Deine letzten ${wos.length} von ${total} Aufträgen:` : 'Deine Arbeitsaufträge:', ...wos.map((wo) => `${wo.customId} ${wo.title} – ${STATUS[wo.status]}`)].join('\n'),
  noneYet: 'Du hast noch keine Arbeitsaufträge. Sag mir, was kaputt ist, und ich lege einen an.',
  whichWorkOrder: 'Welcher Arbeitsauftrag? Schick seine Nummer, z. B. 42.',
  chooseStatus: (wo) => `${wo.customId} ${wo.title}: setzen auf…`,
  confirmStatus: (wo, s) => `${wo.customId} „${wo.title}“ auf ${STATUS[s]} setzen?`,
  confirmYes: (s) => (s === 'COMPLETE' ? '✅ Erledigen' : `✅ ${STATUS[s]}`),
  alreadyStatus: (wo, s) => `${wo.customId} ist schon ${STATUS[s]}.`,
  askClosingNote: (wo) => `Eine Abschlussnotiz für ${wo.customId}? Schick sie, oder tipp auf Überspringen.`,
  skip: 'Überspringen',
  changingStatus: (wo, s) => `⏳ Setze ${wo.customId} auf ${STATUS[s]}…`,
  askComment: (wo) => `Was soll ich an ${wo.customId} anhängen?`,
  supervisorAsked: 'Ich habe deine Frage an einen Vorgesetzten weitergegeben. Die Antwort kommt hierher.',
  notUnderstoodAsked: 'Entschuldige, das habe ich nicht verstanden, deshalb habe ich es an einen Vorgesetzten gegeben. Die Antwort kommt hierher.',
  supervisorPicked: (by, asset) => `${by} (Vorgesetzte/r) hat die Maschine gewählt: ${asset}.`,
  supervisorNoAsset: (by) => `${by} (Vorgesetzte/r) sagt: ohne Maschine anlegen.`,
  takenOver: (by) => `${by} (Vorgesetzte/r) übernimmt dieses Gespräch und antwortet dir hier.`,
  noSupervisor: (contact) =>
    contact
      ? `Von hier aus kann ich das keinem Vorgesetzten geben. Du erreichst einen unter: ${contact}`
      : 'Von hier aus kann ich das keinem Vorgesetzten geben. Ruf deinen Vorgesetzten an oder such ihn vor Ort.',
  notUnderstoodNoSupervisor: (contact) =>
    contact
      ? `Entschuldige, das habe ich nicht verstanden. Sag mir, was kaputt ist und wo („Pumpe P-501 verliert Öl“), oder erreiche einen Vorgesetzten unter: ${contact}`
      : 'Entschuldige, das habe ich nicht verstanden. Sag mir, was kaputt ist und wo („Pumpe P-501 verliert Öl“), oder schick /help.',
  clarify: 'Ich bin nicht sicher, was du meinst. Ist es eins davon?',
  clarifyNumber: (n) => `${n}: meinst du den Arbeitsauftrag oder die Maschine?`,
  meaningStatus: (n) => `Status von ${customId(n)}?`,
  meaningReport: 'Ein Problem melden',
  meaningReportOn: (asset) => `Ein Problem an ${asset} melden`,
  meaningMine: 'Meine Arbeitsaufträge',
  meaningHuman: 'Einen Vorgesetzten fragen',
  notUnderstoodPending: 'Entschuldige, das habe ich nicht verstanden.',
  wave: '👋',
  siteShown: (set, learned, sites) =>
    [
      set ? `Du arbeitest in ${set} (von dir festgelegt).` : learned.length ? '' : 'Ich weiß noch nicht, wo du arbeitest.',
      learned.length ? `${set ? 'Du meldest auch' : 'Du meldest meistens'} aus ${learned.join(', ')}.` : '',
      'Passt der Name einer Maschine an mehreren Standorten, schaue ich zuerst dort.',
      `Ändern: /site <Name>${set ? ' oder /site none' : ''}${sites.length ? ` (Standorte: ${sites.slice(0, 12).join(', ')})` : ''}.`,
    ].filter(Boolean).join('\n'),
  siteSet: (site) => `OK, du arbeitest in ${site}. Passt der Name einer Maschine an mehreren Standorten, schaue ich zuerst dort.`,
  siteCleared: 'OK, ich habe den festgelegten Standort vergessen. Wo du arbeitest, lerne ich weiter aus deinen Meldungen.',
  siteWhich: (sites) => `Welcher? ${sites.join(', ')}. Schick /site mit seinem Namen.`,
  siteUnknown: (said, sites) => `Ich kenne keinen Standort „${said}“.${sites.length ? ` Standorte: ${sites.slice(0, 12).join(', ')}.` : ''}`,
  staleButton: STALE,
  foreignButton: (owner) => `Diese Knöpfe sind für ${owner}.`,
  tapFailed: 'Etwas ist schiefgegangen. Bitte noch einmal tippen.',
  questionAnswered: { resumed: 'Danke, verstanden.', already_answered: 'Das wurde schon beantwortet.', expired: 'Diese Frage ist verfallen.', unknown: STALE },
  done: 'Erledigt',
  unknownCommand: 'Diesen Befehl kenne ich nicht. /help zeigt, was ich kann.',
  statusUsage: 'Schick die Auftragsnummer, z. B. /status 42.',
  cannotRead: 'Ich kann Text, Fotos und Sprachnachrichten lesen. Sag mir, was kaputt ist und wo.',
  fileTooBig: (mb, platform) => `Die Datei ist größer als ${mb} MB, mehr lässt mich ${platform} nicht herunterladen. Schick ein kleineres Foto oder eine kürzere Sprachnachricht.`,
  fileUnavailable: (platform) => `Ich konnte die Datei nicht von ${platform} holen. Bitte schick sie noch einmal.`,
  fileQuotaFull: (quotaMb) =>
    `Ich kann gerade keine weiteren Dateien für dich aufbewahren: deine Fotos und Sprachnachrichten haben die ${quotaMb} MB erreicht, die Rivet pro Person aufbewahrt. Beschreib das Problem in Worten oder frag deinen Administrator.`,
  linkRefused: {
    used: 'Dieser Link wurde schon benutzt. Wenn du das nicht warst, bitte deinen Administrator um einen neuen.',
    expired: 'Dieser Link ist abgelaufen (Links gelten 7 Tage). Bitte deinen Administrator um einen neuen.',
    unknown: 'Diesen Link kenne ich nicht. Prüf ihn oder bitte deinen Administrator um einen neuen.',
  },
  linkInUse: (platform) => `Dieses ${platform}-Konto gehört schon zu einem anderen Rivet-Konto, deshalb kann dieser Link es nicht übernehmen. Frag deinen Administrator.`,
  linked: (platform, tier, name) => `✅ Verbunden. Dein ${platform} ist jetzt mit deinem Rivet-Konto verbunden (${tier}).\n\n${welcome(name)}`,
  language: {
    choose: (current) => `Ich antworte auf ${current}. Wähl eine andere Sprache, oder Automatisch, um der Sprache zu folgen, in der du schreibst:`,
    set: 'Gut, ab jetzt antworte ich auf Deutsch.',
    auto: 'Gut, ich antworte in der Sprache, in der du schreibst.',
    autoButton: 'Automatisch',
    usage: 'Schick /language mit en, es, pt oder de (z. B. /language de), oder /language auto.',
  },
  pending: { report: 'Meldung', reportAbout: (asset) => `Meldung zu ${asset}`, change: (id) => `Änderung an ${id}`, request: 'Anfrage' },
};

export const deRefusal: RefusalTexts = {
  stranger: (platform) =>
    `Hallo! Rivet gibt es hier nur auf Einladung. Bitte deinen Administrator oder Vorgesetzten um einen Anmeldelink: Ein Tipp darauf verbindet dein ${platform} mit Rivet.`,
  not_customer: () => 'Hallo! Rivet gibt es hier nur für Abonnenten, und dein Konto hat kein aktives Abo. Bitte deinen Administrator um einen Anmeldelink.',
  disabled: () => 'Dein Rivet-Konto ist abgeschaltet. Frag deinen Administrator, wenn du es wieder brauchst.',
  toast: 'Du hast hier keinen Zugang zu Rivet.',
  group: (chatId) => `Ich bin für diese Gruppe nicht eingerichtet und gehe deshalb. Ein Administrator kann sie in Rivet freigeben (Gruppe ${chatId}) und mich wieder hinzufügen.`,
  groupToast: 'Ich bin für diese Gruppe nicht eingerichtet.',
  groupHello: 'Hallo zusammen! Erwähnt mich mit dem, was kaputt ist und wo, und ich lege den Auftrag an. /help zeigt den Rest.',
};
