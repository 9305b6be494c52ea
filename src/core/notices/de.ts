/** Meldungen zum Ergebnis von Aufträgen, auf Deutsch (folgen dem englischen Katalog in ../notices.ts). */
import type { WorkOrderStatus } from '../model.js';
import type { FailureCause, NoticeTexts } from '../notices.js';

const STATUS: Record<WorkOrderStatus, string> = { OPEN: 'OFFEN', IN_PROGRESS: 'IN ARBEIT', ON_HOLD: 'PAUSIERT', COMPLETE: 'ERLEDIGT' };
const quote = (text: string) => (text.length > 300 ? `${text.slice(0, 299).trimEnd()}…` : text);

function explainFailure(cause: FailureCause): string {
  switch (cause.kind) {
    case 'atlas_not_configured':
      return 'Rivet ist noch nicht mit Atlas verbunden und kann deshalb keine Aufträge anlegen. Bitte deinen Administrator, die Atlas-Verbindung einzurichten.';
    case 'license':
      switch (cause.license) {
        case 'open_work_orders':
          return 'Atlas hat abgelehnt: Diese Instanz hat ihr kostenloses Limit von 30 offenen Aufträgen erreicht. Schließ einige ab (oder lizenziere Atlas) und melde es dann noch einmal.';
        case 'files':
          return 'Atlas hat den Anhang abgelehnt: Diese Instanz ist nicht für Dateien lizenziert. Rivet behält die Datei.';
        case 'users':
          return 'Atlas hat abgelehnt: Das kostenlose Limit von 5 Benutzern mit bezahlten Rollen ist erreicht.';
        default:
          return `Atlas hat abgelehnt: Dieser Instanz fehlt die Lizenz dafür${cause.detail ? ` (${cause.detail})` : ''}.`;
      }
    case 'rejected':
      return `Atlas hat die Anfrage abgelehnt${cause.detail ? `: ${cause.detail}` : ''}. Bitte prüf sie und versuch es noch einmal, oder frag einen Vorgesetzten.`;
    case 'not_found':
      return `Atlas hat ${cause.what} nicht mehr.`;
    case 'auth':
      return 'Das Atlas-Konto von Rivet wurde abgewiesen (falsche oder widerrufene Zugangsdaten). Dein Administrator muss die Atlas-Verbindung reparieren.';
    case 'gave_up':
      return `Atlas hat seit ${cause.hours} Stunden nicht geantwortet, deshalb hat Rivet aufgegeben. Ein Vorgesetzter kann es in der Admin-Ansicht erneut versuchen.`;
    case 'cancelled':
      return 'Abgebrochen; es wurde nichts angelegt.';
    case 'internal':
      return 'In Rivet ist etwas schiefgegangen; ein Vorgesetzter wurde informiert.';
  }
}

export const deNotices: NoticeTexts = {
  workOrderFiled: (id, title) => `Angelegt: ${id} — ${title}`,
  statusChanged: (id, status) => `${id} ist jetzt ${STATUS[status]}`,
  commentAdded: (id) => `Dein Kommentar ist an ${id} angehängt.`,
  reportDelayed: () => 'Atlas antwortet nicht; deine Meldung ist gespeichert und wird angelegt, sobald Atlas wieder da ist. Du musst sie nicht noch einmal schicken.',
  updateDelayed: (id) => `Atlas antwortet nicht; deine Änderung${id ? ` an ${id}` : ''} ist gespeichert und geht durch, sobald Atlas wieder da ist.`,
  attachmentKeptByRivet: (name, at) => `Der Anhang "${name}" wird von Rivet aufbewahrt (${at}); diese Atlas-Instanz ist nicht für Anhänge lizenziert.`,
  attachmentsFailed: (id, n) => `${id} ist angelegt, aber ${n === 1 ? 'der Anhang konnte' : `${n} Anhänge konnten`} nicht hinzugefügt werden; Rivet behält die Dateien.`,
  explainFailure,
  reportFailed: (cause, title) => `Deine Meldung "${title}" konnte nicht angelegt werden. ${explainFailure(cause)}`,
  updateFailed: (cause, id) => `Deine Änderung${id ? ` an ${id}` : ''} konnte nicht gemacht werden. ${explainFailure(cause)}`,
  changedByOther: (id, status, by) => `${id} ist jetzt ${STATUS[status]} (geändert von ${by}).`,
  commentedByOther: (id, by, text) => `${by} hat ${id} kommentiert: „${quote(text)}“`,
  reportApproved: (title) => `Ein Vorgesetzter hat „${title}“ freigegeben. Ich lege es jetzt an.`,
  reportRejected: (title) => `Ein Vorgesetzter hat „${title}“ nicht freigegeben, deshalb wurde es nicht angelegt. Frag deinen Vorgesetzten, wenn du meinst, es sollte.`,
  approvalExpired: (title) => `Kein Vorgesetzter hat rechtzeitig geantwortet, deshalb wurde „${title}“ nicht angelegt. Schick es noch einmal oder sprich mit deinem Vorgesetzten.`,
  questionExpired: (q, min) => `Keine Antwort in ${min} Minuten, deshalb habe ich diese Frage verworfen: "${q}". Schick deine Nachricht noch einmal, wenn du so weit bist.`,
  assetGone: (asset) => `Atlas kennt ${asset} nicht mehr. Soll ich die Meldung ohne Anlage anlegen?`,
};
