/** Avisos sobre el resultado de los trabajos, en español (siguen el catálogo inglés de ../notices.ts). */
import type { WorkOrderStatus } from '../model.js';
import type { FailureCause, NoticeTexts } from '../notices.js';

const STATUS: Record<WorkOrderStatus, string> = { OPEN: 'ABIERTA', IN_PROGRESS: 'EN CURSO', ON_HOLD: 'EN ESPERA', COMPLETE: 'COMPLETADA' };
const quote = (text: string) => (text.length > 300 ? `${text.slice(0, 299).trimEnd()}…` : text);

function explainFailure(cause: FailureCause): string {
  switch (cause.kind) {
    case 'atlas_not_configured':
      return 'Rivet aún no está conectado a Atlas, así que no puede abrir órdenes. Pide a tu administrador que configure la conexión con Atlas.';
    case 'license':
      switch (cause.license) {
        case 'open_work_orders':
          return 'Atlas se negó: esta instancia llegó a su límite gratuito de 30 órdenes abiertas. Completa o cierra algunas (o licencia Atlas) y repórtalo otra vez.';
        case 'files':
          return 'Atlas rechazó el adjunto: esta instancia no tiene licencia para archivos. Rivet guarda el archivo.';
        case 'users':
          return 'Atlas se negó: se alcanzó el límite gratuito de 5 usuarios con roles de pago.';
        default:
          return `Atlas se negó: esta instancia no tiene licencia para ello${cause.detail ? ` (${cause.detail})` : ''}.`;
      }
    case 'rejected':
      return `Atlas rechazó la petición${cause.detail ? `: ${cause.detail}` : ''}. Revísala e inténtalo de nuevo, o pregunta a un supervisor.`;
    case 'not_found':
      return `Atlas ya no tiene ${cause.what}.`;
    case 'auth':
      return 'Atlas rechazó la cuenta de Rivet (credenciales erróneas o revocadas). Tu administrador tiene que arreglar la conexión con Atlas.';
    case 'gave_up':
      return `Atlas lleva ${cause.hours} horas sin responder, así que Rivet dejó de intentarlo. Un supervisor puede reintentarlo desde la vista de administración.`;
    case 'cancelled':
      return 'Cancelado; no se abrió nada.';
    case 'internal':
      return 'Algo falló dentro de Rivet; ya se avisó a un supervisor.';
  }
}

export const esNotices: NoticeTexts = {
  workOrderFiled: (id, title) => `Abierta ${id} — ${title}`,
  statusChanged: (id, status) => `${id} ahora está ${STATUS[status]}`,
  commentAdded: (id) => `Añadí tu comentario a ${id}.`,
  reportDelayed: () => 'Atlas no responde; tu reporte está guardado y se abrirá en cuanto vuelva. No hace falta que lo envíes otra vez.',
  updateDelayed: (id) => `Atlas no responde; tu cambio${id ? ` en ${id}` : ''} está guardado y se hará en cuanto vuelva.`,
  attachmentKeptByRivet: (name, at) => `El adjunto "${name}" lo guarda Rivet (${at}); esta instancia de Atlas no tiene licencia para adjuntos.`,
  attachmentsFailed: (id, n) => `${id} está abierta, pero no se pudo añadir ${n === 1 ? 'su adjunto' : `${n} adjuntos`}; Rivet guarda los archivos.`,
  explainFailure,
  reportFailed: (cause, title) => `Tu reporte "${title}" no se pudo abrir. ${explainFailure(cause)}`,
  updateFailed: (cause, id) => `Tu cambio${id ? ` en ${id}` : ''} no se pudo hacer. ${explainFailure(cause)}`,
  changedByOther: (id, status, by) => `${id} ahora está ${STATUS[status]} (cambiado por ${by}).`,
  commentedByOther: (id, by, text) => `${by} comentó en ${id}: «${quote(text)}»`,
  reportApproved: (title) => `Un supervisor aprobó «${title}». La abro ahora.`,
  reportRejected: (title) => `Un supervisor no aprobó «${title}», así que no se abrió. Pregunta a tu supervisor si crees que debería.`,
  approvalExpired: (title) => `Ningún supervisor respondió a tiempo, así que «${title}» no se abrió. Envíala otra vez o habla con tu supervisor.`,
  questionExpired: (q, min) => `Sin respuesta en ${min} minutos, así que dejé esta pregunta: "${q}". Envía tu mensaje otra vez cuando puedas.`,
  assetGone: (asset) => `Atlas ya no conoce ${asset}. ¿Abro el reporte sin activo?`,
};
