/** Lo que dice el bot, en español (sigue el catálogo inglés de ../texts.ts entrada por entrada). */
import type { Priority, WorkOrderStatus, WorkOrderSummary } from '../../model.js';
import type { ConversationTexts, RefusalTexts } from '../texts.js';
import { attachmentsLine, customId, type FileWords } from '../format.js';
import type { Draft, WoRef } from '../types.js';

const STATUS: Record<WorkOrderStatus, string> = { OPEN: 'Abierta', IN_PROGRESS: 'En curso', ON_HOLD: 'En espera', COMPLETE: 'Completada' };
const PRIORITY: Record<Priority, string> = { NONE: 'Ninguna', LOW: 'Baja', MEDIUM: 'Media', HIGH: 'Alta' };
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const FILES: FileWords = { photo: ['foto', 'fotos'], voice: ['nota de voz', 'notas de voz'], file: ['archivo', 'archivos'] };
const STALE = 'Este botón ya no vale. Usa el último mensaje.';
const welcome = (name: string) =>
  [
    `Hola ${name}, soy Rivet. Abro órdenes de trabajo de mantenimiento por ti.`,
    '1. Dime qué falla y dónde: «La bomba 301 pierde aceite, urgente».',
    '2. Añade una foto o una nota de voz si ayuda.',
    '3. Pregunta «mis órdenes» o «estado 42» cuando quieras.',
  ].join('\n');
const wait = (ms: number) => (ms >= 90_000 ? `${Math.ceil(ms / 60_000)} minutos` : ms >= 45_000 ? 'un minuto' : `${Math.max(1, Math.ceil(ms / 1000))} segundos`);

export const es: ConversationTexts = {
  welcome,
  welcomeBack: (name) => `Hola de nuevo, ${name}. Dime qué falla y dónde, y abro la orden.`,
  help: [
    'Dime qué está roto y dónde, p. ej. «La bomba 301 pierde aceite, urgente». Abriré una orden de trabajo.',
    '',
    '/mine – tus órdenes de trabajo',
    '/status 42 – cómo va la WO000042',
    '/site – dónde trabajas (busco allí primero)',
    '«42 hecha», «42 en curso» – cambiar un estado',
    '«añade a 42: sello cambiado» – un comentario',
    '/cancel – dejar lo que estamos haciendo',
    '/language – cambiar el idioma',
    '/help – esta lista',
  ].join('\n'),
  smalltalk: (name) => `👋 Hola ${name}. Dime qué está roto y dónde, y abro la orden.`,
  notUnderstood: 'Perdona, no lo entendí. Dime qué está roto y dónde («La bomba P-501 pierde aceite») o envía /help.',
  thanks: 'De nada. Si algo más se rompe, dímelo.',
  cancelled: 'Cancelado. No se abrió nada.',
  nothingToCancel: 'No hay nada que cancelar. Dime qué está roto y abro la orden.',
  expired: (what) => `⌛ Tu ${what} sin terminar caducó tras 30 minutos. Envíalo de nuevo cuando puedas.`,
  replaced: (what) => `Dejé tu ${what} sin terminar y empecé con esto.`,
  stillPending: (what, tap = true) => `Tu ${what} sigue esperando ${tap ? 'que toques un botón' : 'tu respuesta'} arriba.`,
  askDescription: (asset) => (asset ? `Reporte sobre ${asset}. ¿Qué le pasa?` : 'Entendido. ¿Cuál es el problema y en qué máquina?'),
  whichAsset: (mention) => (mention ? `¿Cuál es «${mention}»?` : '¿Qué máquina es?'),
  askAssetName: (mention) =>
    mention
      ? `No encuentro «${mention}». ¿Qué máquina es? Envía su nombre o el número de su placa.`
      : '¿Qué máquina es? Envía su nombre o el número de su placa.',
  noneOfThese: 'Ninguna de estas',
  dontKnow: 'No sé / ninguna',
  handedToSupervisor: 'Vale, se lo pasé a un supervisor, que elegirá la máquina. Su respuesta llegará aquí.',
  noAssetCard: 'Sin problema, la abro sin máquina; un supervisor puede ponerla después.',
  confirmCard: (d: Draft) =>
    ['Nueva orden de trabajo', `Activo: ${d.assetLabel ?? 'sin definir'}`, `Prioridad: ${PRIORITY[d.priority]}`, `Título: ${d.title}`, ...attachmentsLine(d.attachments, FILES)].join('\n'),
  choosePriority: (d) => `¿Prioridad para «${d.title}»?`,
  create: '✅ Crear',
  changePriority: 'Prioridad',
  changeTitle: 'Título',
  askTitle: (d) => `Envía el nuevo título (unas palabras, como mucho 60 caracteres). Ahora: «${d.title}»`,
  titleEmpty: 'Ese título está vacío. Envía unas palabras o toca Cancelar.',
  cancel: 'Cancelar',
  filing: (d) => `⏳ Abriendo «${d.title}»${d.assetLabel ? ` en ${d.assetLabel}` : ''}…`,
  existingOpen: (asset: string, wo: WorkOrderSummary) =>
    `${asset} ya tiene una orden abierta:\n${wo.customId} ${wo.title} (${STATUS[wo.status]})\n¿Añadir tu reporte a esa?`,
  addTo: (wo: WoRef) => `Añadir a ${wo.customId}`,
  createNew: 'Crear nueva',
  addingComment: (wo) => `⏳ Añadiéndolo a ${wo.customId}…`,
  attachmentAdded: (n) => `📎 Añadido a este reporte (${plural(n, 'archivo', 'archivos')}).`,
  tooManyAttachments: (max) => `Ese reporte ya tiene ${max} archivos, el máximo que puedo adjuntar.`,
  notFound: (n) => `No encuentro ${customId(n)} entre tus órdenes de trabajo. Revisa el número o envía /mine para ver las tuyas.`,
  slowDown: (ms) => `Son muchas consultas de órdenes en poco tiempo. Dame ${wait(ms)} y vuelve a preguntar.`,
  readOnly:
    'Tu suscripción a Rivet caducó: puedes consultar tus órdenes (/mine, /status 42), pero no abrirlas ni cambiarlas. Pide a tu administrador que la renueve.',
  quota: (limit, used) => `Tu plan permite ${plural(limit, 'reporte', 'reportes')} al mes; has usado ${used}. Pide a tu administrador que lo amplíe.`,
  awaitingApproval: (d) => `⏳ «${d.title}» necesita la aprobación de un supervisor antes de abrirla (tu plan lo pide). Ya pregunté; te aviso aquí.`,
  notAsked: (audience) => (audience === 'supervisor' ? 'Solo un supervisor puede responder esto.' : 'Esta pregunta es para otra persona.'),
  atlasDown: 'Atlas (el sistema de mantenimiento) no responde ahora mismo. Inténtalo en un minuto.',
  statusCard: (wo) =>
    [
      `${wo.customId} · ${wo.title}`,
      `Estado: ${STATUS[wo.status]} · Prioridad: ${PRIORITY[wo.priority]}`,
      ...(wo.asset ? [`Activo: ${wo.asset.name}${wo.location ? ` · ${wo.location.name}` : ''}`] : []),
      ...(wo.assignees.length ? [`Asignada a: ${wo.assignees.join(', ')}`] : []),
    ].join('\n'),
  myList: (wos, total) =>
    [total > wos.length ? `Tus últimas ${wos.length} de ${total} órdenes:` : 'Tus órdenes de trabajo:', ...wos.map((wo) => `${wo.customId} ${wo.title} – ${STATUS[wo.status]}`)].join('\n'),
  noneYet: 'Aún no tienes órdenes de trabajo. Dime qué está roto y abro una.',
  whichWorkOrder: '¿Qué orden de trabajo? Envía su número, p. ej. 42.',
  chooseStatus: (wo) => `${wo.customId} ${wo.title}: pasarla a…`,
  confirmStatus: (wo, s) => `¿Pasar ${wo.customId} «${wo.title}» a ${STATUS[s]}?`,
  confirmYes: (s) => (s === 'COMPLETE' ? '✅ Completarla' : `✅ ${STATUS[s]}`),
  alreadyStatus: (wo, s) => `${wo.customId} ya está ${STATUS[s]}.`,
  askClosingNote: (wo) => `¿Alguna nota de cierre para ${wo.customId}? Envíala o toca Omitir.`,
  skip: 'Omitir',
  changingStatus: (wo, s) => `⏳ Pasando ${wo.customId} a ${STATUS[s]}…`,
  askComment: (wo) => `¿Qué añado a ${wo.customId}?`,
  supervisorAsked: 'Le pasé tu pregunta a un supervisor. Su respuesta llegará aquí.',
  notUnderstoodAsked: 'Perdona, no lo entendí, así que se lo pasé a un supervisor. Su respuesta llegará aquí.',
  supervisorPicked: (by, asset) => `${by} (supervisor) eligió la máquina: ${asset}.`,
  supervisorNoAsset: (by) => `${by} (supervisor) dice que se abra sin máquina.`,
  takenOver: (by) => `${by} (supervisor) lleva esta conversación; te responderá aquí.`,
  noSupervisor: (contact) =>
    contact
      ? `No puedo pasarle esto a un supervisor desde aquí. Puedes contactar con uno en: ${contact}`
      : 'No puedo pasarle esto a un supervisor desde aquí. Llama o busca a tu supervisor en el sitio.',
  notUnderstoodNoSupervisor: (contact) =>
    contact
      ? `Perdona, no lo entendí. Dime qué está roto y dónde («La bomba P-501 pierde aceite») o contacta con un supervisor en: ${contact}`
      : 'Perdona, no lo entendí. Dime qué está roto y dónde («La bomba P-501 pierde aceite») o envía /help.',
  clarify: 'No estoy seguro de qué quieres decir. ¿Es alguna de estas?',
  clarifyNumber: (n) => `${n}: ¿te refieres a la orden de trabajo o a la máquina?`,
  meaningStatus: (n) => `¿Estado de ${customId(n)}?`,
  meaningReport: 'Reportar un problema',
  meaningReportOn: (asset) => `Reportar un problema en ${asset}`,
  meaningMine: 'Mis órdenes de trabajo',
  meaningHuman: 'Preguntar a un supervisor',
  notUnderstoodPending: 'Perdona, no lo entendí.',
  wave: '👋',
  siteShown: (set, learned, sites) =>
    [
      set ? `Trabajas en ${set} (lo indicaste tú).` : learned.length ? '' : 'Todavía no sé dónde trabajas.',
      learned.length ? `${set ? 'También reportas' : 'Sueles reportar'} desde ${learned.join(', ')}.` : '',
      'Cuando el nombre de una máquina encaja en varios sitios, busco primero allí.',
      `Cámbialo: /site <nombre>${set ? ', o /site none' : ''}${sites.length ? ` (sitios: ${sites.slice(0, 12).join(', ')})` : ''}.`,
    ].filter(Boolean).join('\n'),
  siteSet: (site) => `Vale, trabajas en ${site}. Cuando el nombre de una máquina encaje en varios sitios, buscaré primero allí.`,
  siteCleared: 'Vale, olvidé el sitio que indicaste. Sigo aprendiendo dónde trabajas por tus reportes.',
  siteWhich: (sites) => `¿Cuál? ${sites.join(', ')}. Envía /site con su nombre.`,
  siteUnknown: (said, sites) => `No conozco ningún sitio llamado «${said}».${sites.length ? ` Sitios: ${sites.slice(0, 12).join(', ')}.` : ''}`,
  staleButton: STALE,
  foreignButton: (owner) => `Estos botones son para ${owner}.`,
  tapFailed: 'Algo salió mal. Toca otra vez, por favor.',
  questionAnswered: { resumed: 'Gracias, entendido.', already_answered: 'Eso ya tenía respuesta.', expired: 'Esa pregunta ha caducado.', unknown: STALE },
  done: 'Hecho',
  unknownCommand: 'No conozco ese comando. /help muestra lo que puedo hacer.',
  statusUsage: 'Envía el número de la orden, p. ej. /status 42.',
  cannotRead: 'Puedo leer texto, fotos y notas de voz. Dime qué está roto y dónde.',
  fileTooBig: (mb, platform) => `Ese archivo pasa de ${mb} MB, lo máximo que ${platform} me deja descargar. Envía una foto más pequeña o una nota de voz más corta.`,
  fileUnavailable: (platform) => `No pude obtener ese archivo de ${platform}. Envíalo otra vez, por favor.`,
  fileQuotaFull: (quotaMb) =>
    `Lo siento, ahora no puedo guardar más archivos tuyos: tus fotos y notas de voz ya llegan a los ${quotaMb} MB que Rivet guarda por persona. Describe el problema con palabras o pregunta a tu administrador.`,
  linkRefused: {
    used: 'Este enlace ya se usó. Si no fuiste tú, pide uno nuevo a tu administrador.',
    expired: 'Este enlace caducó (duran 7 días). Pide uno nuevo a tu administrador.',
    unknown: 'No reconozco este enlace. Revísalo o pide uno nuevo a tu administrador.',
  },
  linkInUse: (platform) => `Esta cuenta de ${platform} ya pertenece a otra cuenta de Rivet, así que este enlace no puede quedársela. Habla con tu administrador.`,
  linked: (platform, tier, name) => `✅ Vinculado. Tu ${platform} ya está conectado a tu cuenta de Rivet (${tier}).\n\n${welcome(name)}`,
  language: {
    choose: (current) => `Respondo en ${current}. Elige otro idioma, o Automático para seguir el idioma en que escribes:`,
    set: 'Vale, a partir de ahora respondo en español.',
    auto: 'Vale, respondo en el idioma en que escribas.',
    autoButton: 'Automático',
    usage: 'Envía /language con en, es, pt o de (p. ej. /language es), o /language auto.',
  },
  pending: { report: 'reporte', reportAbout: (asset) => `reporte sobre ${asset}`, change: (id) => `cambio en ${id}`, request: 'petición' },
};

export const esRefusal: RefusalTexts = {
  stranger: (platform) =>
    `¡Hola! Aquí Rivet es solo por invitación. Pide a tu administrador o supervisor un enlace de alta: al tocarlo, tu ${platform} queda conectado a Rivet.`,
  not_customer: () => '¡Hola! Aquí Rivet es solo para suscriptores y tu cuenta no tiene una suscripción activa. Pide a tu administrador un enlace de alta.',
  disabled: () => 'Tu cuenta de Rivet está desactivada. Habla con tu administrador si la necesitas.',
  toast: 'No tienes acceso a Rivet aquí.',
  group: (chatId) => `No estoy configurado para este grupo, así que me voy. Un administrador puede permitirlo en Rivet (grupo ${chatId}) y volver a añadirme.`,
  groupToast: 'No estoy configurado para este grupo.',
  groupHello: '¡Hola a todos! Mencionadme con lo que está roto y dónde, y abro la orden. /help muestra el resto.',
};
