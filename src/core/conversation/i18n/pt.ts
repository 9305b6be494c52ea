/** O que o bot diz, em português (segue o catálogo inglês de ../texts.ts entrada a entrada). */
import type { Priority, WorkOrderStatus, WorkOrderSummary } from '../../model.js';
import type { ConversationTexts, RefusalTexts } from '../texts.js';
import { attachmentsLine, customId, type FileWords } from '../format.js';
import type { Draft, WoRef } from '../types.js';

const STATUS: Record<WorkOrderStatus, string> = { OPEN: 'Aberta', IN_PROGRESS: 'Em andamento', ON_HOLD: 'Em espera', COMPLETE: 'Concluída' };
const PRIORITY: Record<Priority, string> = { NONE: 'Nenhuma', LOW: 'Baixa', MEDIUM: 'Média', HIGH: 'Alta' };
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const FILES: FileWords = { photo: ['foto', 'fotos'], voice: ['áudio', 'áudios'], file: ['arquivo', 'arquivos'] };
const STALE = 'Este botão está desatualizado. Use a mensagem mais recente.';
const welcome = (name: string) =>
  [
    `Olá ${name}, eu sou o Rivet. Abro ordens de serviço de manutenção para você.`,
    '1. Diga o que está com defeito e onde: “Bomba 301 vazando óleo, urgente”.',
    '2. Mande uma foto ou um áudio se ajudar.',
    '3. Pergunte “minhas ordens” ou “status 42” quando quiser.',
  ].join('\n');
const wait = (ms: number) => (ms >= 90_000 ? `${Math.ceil(ms / 60_000)} minutos` : ms >= 45_000 ? 'um minuto' : `${Math.max(1, Math.ceil(ms / 1000))} segundos`);

export const pt: ConversationTexts = {
  welcome,
  welcomeBack: (name) => `Bem-vindo de volta, ${name}. Diga o que está com defeito e onde, e eu abro a ordem.`,
  help: [
    'Diga o que quebrou e onde, por ex. “Bomba 301 vazando óleo, urgente”. Eu abro uma ordem de serviço.',
    '',
    '/mine – suas ordens de serviço',
    '/status 42 – como está a WO000042',
    '/site – onde você trabalha (procuro lá primeiro)',
    '“42 concluída”, “42 em andamento” – mudar um status',
    '“adicionar à 42: vedação trocada” – um comentário',
    '/cancel – largar o que estamos fazendo',
    '/language – mudar o idioma',
    '/help – esta lista',
  ].join('\n'),
  smalltalk: (name) => `👋 Olá ${name}. Diga o que quebrou e onde, e eu abro a ordem.`,
  notUnderstood: 'Desculpe, não entendi. Diga o que quebrou e onde (“Bomba P-501 vazando óleo”) ou mande /help.',
  thanks: 'De nada. Se mais alguma coisa quebrar, é só dizer.',
  cancelled: 'Cancelado. Nada foi aberto.',
  nothingToCancel: 'Não há nada para cancelar. Diga o que quebrou e eu abro a ordem.',
  expired: (what) => `⌛ Seu ${what} inacabado expirou depois de 30 minutos. Mande de novo quando puder.`,
  replaced: (what) => `Larguei seu ${what} inacabado e comecei por este.`,
  stillPending: (what, tap = true) => `Seu ${what} ainda espera ${tap ? 'um toque' : 'sua resposta'} lá em cima.`,
  askDescription: (asset) => (asset ? `Relato sobre ${asset}. Qual é o problema?` : 'Entendi. Qual é o problema e em qual máquina?'),
  whichAsset: (mention) => (mention ? `Qual é “${mention}”?` : 'Qual máquina é?'),
  askAssetName: (mention) =>
    mention ? `Não encontro “${mention}”. Qual máquina é? Mande o nome ou o número da plaqueta.` : 'Qual máquina é? Mande o nome ou o número da plaqueta.',
  noneOfThese: 'Nenhuma destas',
  dontKnow: 'Não sei / nenhuma',
  handedToSupervisor: 'Certo, passei para um supervisor, que vai escolher a máquina. A resposta chega aqui.',
  noAssetCard: 'Sem problema, abro sem máquina; um supervisor pode definir depois.',
  confirmCard: (d: Draft) =>
    ['Nova ordem de serviço', `Ativo: ${d.assetLabel ?? 'não definido'}`, `Prioridade: ${PRIORITY[d.priority]}`, `Título: ${d.title}`, ...attachmentsLine(d.attachments, FILES)].join('\n'),
  choosePriority: (d) => `Prioridade para “${d.title}”?`,
  create: '✅ Criar',
  changePriority: 'Prioridade',
  changeTitle: 'Título',
  askTitle: (d) => `Mande o novo título (poucas palavras, no máximo 60 caracteres). Agora: “${d.title}”`,
  titleEmpty: 'Esse título está vazio. Mande algumas palavras ou toque em Cancelar.',
  cancel: 'Cancelar',
  filing: (d) => `⏳ Abrindo “${d.title}”${d.assetLabel ? ` em ${d.assetLabel}` : ''}…`,
  existingOpen: (asset: string, wo: WorkOrderSummary) =>
    `${asset} já tem uma ordem aberta:\n${wo.customId} ${wo.title} (${STATUS[wo.status]})\nAdicionar seu relato a ela?`,
  addTo: (wo: WoRef) => `Adicionar à ${wo.customId}`,
  createNew: 'Criar nova',
  addingComment: (wo) => `⏳ Adicionando à ${wo.customId}…`,
  attachmentAdded: (n) => `📎 Adicionado a este relato (${plural(n, 'arquivo', 'arquivos')}).`,
  tooManyAttachments: (max) => `Esse relato já tem ${max} arquivos, o máximo que consigo anexar.`,
  notFound: (n) => `Não encontro ${customId(n)} nas suas ordens de serviço. Confira o número ou mande /mine para ver as suas.`,
  slowDown: (ms) => `São muitas consultas de ordens em pouco tempo. Me dê ${wait(ms)} e pergunte de novo.`,
  readOnly:
    'Sua assinatura do Rivet venceu: você ainda pode consultar suas ordens (/mine, /status 42), mas não abrir nem alterar. Peça ao seu administrador para renovar.',
  quota: (limit, used) => `Seu plano permite ${plural(limit, 'relato', 'relatos')} por mês; você usou ${used}. Peça ao seu administrador para ampliar.`,
  awaitingApproval: (d) => `⏳ “${d.title}” precisa da aprovação de um supervisor antes de ser aberta (seu plano pede isso). Já perguntei; aviso aqui.`,
  notAsked: (audience) => (audience === 'supervisor' ? 'Só um supervisor pode responder isto.' : 'Esta pergunta é para outra pessoa.'),
  atlasDown: 'O Atlas (o sistema de manutenção) não está respondendo agora. Tente de novo em um minuto.',
  statusCard: (wo) =>
    [
      `${wo.customId} · ${wo.title}`,
      `Status: ${STATUS[wo.status]} · Prioridade: ${PRIORITY[wo.priority]}`,
      ...(wo.asset ? [`Ativo: ${wo.asset.name}${wo.location ? ` · ${wo.location.name}` : ''}`] : []),
      ...(wo.assignees.length ? [`Responsáveis: ${wo.assignees.join(', ')}`] : []),
    ].join('\n'),
  myList: (wos, total) =>
    [total > wos.length ? `Suas últimas ${wos.length} de ${total} ordens:` : 'Suas ordens de serviço:', ...wos.map((wo) => `${wo.customId} ${wo.title} – ${STATUS[wo.status]}`)].join('\n'),
  noneYet: 'Você ainda não tem ordens de serviço. Diga o que quebrou e eu abro uma.',
  whichWorkOrder: 'Qual ordem de serviço? Mande o número, por ex. 42.',
  chooseStatus: (wo) => `${wo.customId} ${wo.title}: mudar para…`,
  confirmStatus: (wo, s) => `Mudar ${wo.customId} “${wo.title}” para ${STATUS[s]}?`,
  confirmYes: (s) => (s === 'COMPLETE' ? '✅ Concluir' : `✅ ${STATUS[s]}`),
  alreadyStatus: (wo, s) => `${wo.customId} já está ${STATUS[s]}.`,
  askClosingNote: (wo) => `Alguma nota de encerramento para ${wo.customId}? Mande, ou toque em Pular.`,
  skip: 'Pular',
  changingStatus: (wo, s) => `⏳ Mudando ${wo.customId} para ${STATUS[s]}…`,
  askComment: (wo) => `O que devo adicionar à ${wo.customId}?`,
  supervisorAsked: 'Passei sua pergunta para um supervisor. A resposta chega aqui.',
  notUnderstoodAsked: 'Desculpe, não entendi, então passei para um supervisor. A resposta chega aqui.',
  supervisorPicked: (by, asset) => `${by} (supervisor) escolheu a máquina: ${asset}.`,
  supervisorNoAsset: (by) => `${by} (supervisor) disse para abrir sem máquina.`,
  takenOver: (by) => `${by} (supervisor) está cuidando desta conversa; vai responder aqui.`,
  noSupervisor: (contact) =>
    contact
      ? `Não consigo passar isso para um supervisor daqui. Você encontra um em: ${contact}`
      : 'Não consigo passar isso para um supervisor daqui. Ligue ou procure seu supervisor no local.',
  notUnderstoodNoSupervisor: (contact) =>
    contact
      ? `Desculpe, não entendi. Diga o que quebrou e onde (“Bomba P-501 vazando óleo”) ou fale com um supervisor em: ${contact}`
      : 'Desculpe, não entendi. Diga o que quebrou e onde (“Bomba P-501 vazando óleo”) ou mande /help.',
  clarify: 'Não tenho certeza do que você quer dizer. É uma destas?',
  clarifyNumber: (n) => `${n}: você quer dizer a ordem de serviço ou a máquina?`,
  meaningStatus: (n) => `Status da ${customId(n)}?`,
  meaningReport: 'Reportar um problema',
  meaningReportOn: (asset) => `Reportar um problema em ${asset}`,
  meaningMine: 'Minhas ordens de serviço',
  meaningHuman: 'Perguntar a um supervisor',
  notUnderstoodPending: 'Desculpe, não entendi.',
  wave: '👋',
  siteShown: (set, learned, sites) =>
    [
      set ? `Você trabalha em ${set} (você definiu).` : learned.length ? '' : 'Ainda não sei onde você trabalha.',
      learned.length ? `${set ? 'Você também reporta' : 'Você costuma reportar'} de ${learned.join(', ')}.` : '',
      'Quando o nome de uma máquina serve para vários locais, procuro primeiro lá.',
      `Mude: /site <nome>${set ? ', ou /site none' : ''}${sites.length ? ` (locais: ${sites.slice(0, 12).join(', ')})` : ''}.`,
    ].filter(Boolean).join('\n'),
  siteSet: (site) => `Certo, você trabalha em ${site}. Quando o nome de uma máquina servir para vários locais, procuro primeiro lá.`,
  siteCleared: 'Certo, esqueci o local que você definiu. Continuo aprendendo onde você trabalha pelos seus reportes.',
  siteWhich: (sites) => `Qual? ${sites.join(', ')}. Mande /site com o nome.`,
  siteUnknown: (said, sites) => `Não conheço nenhum local chamado “${said}”.${sites.length ? ` Locais: ${sites.slice(0, 12).join(', ')}.` : ''}`,
  staleButton: STALE,
  foreignButton: (owner) => `Estes botões são para ${owner}.`,
  tapFailed: 'Algo deu errado. Toque de novo, por favor.',
  questionAnswered: { resumed: 'Obrigado, entendi.', already_answered: 'Isso já foi respondido.', expired: 'Essa pergunta expirou.', unknown: STALE },
  done: 'Feito',
  unknownCommand: 'Não conheço esse comando. /help mostra o que posso fazer.',
  statusUsage: 'Mande o número da ordem, por ex. /status 42.',
  cannotRead: 'Consigo ler texto, fotos e áudios. Diga o que quebrou e onde.',
  fileTooBig: (mb, platform) => `Esse arquivo tem mais de ${mb} MB, o máximo que o ${platform} me deixa baixar. Mande uma foto menor ou um áudio mais curto.`,
  fileUnavailable: (platform) => `Não consegui pegar esse arquivo do ${platform}. Mande de novo, por favor.`,
  fileQuotaFull: (quotaMb) =>
    `Desculpe, não posso guardar mais arquivos seus agora: suas fotos e mensagens de voz já chegaram aos ${quotaMb} MB que o Rivet guarda por pessoa. Descreva o problema em palavras ou fale com seu administrador.`,
  linkRefused: {
    used: 'Este link já foi usado. Se não foi você, peça um novo ao seu administrador.',
    expired: 'Este link expirou (os links duram 7 dias). Peça um novo ao seu administrador.',
    unknown: 'Não reconheço este link. Confira, ou peça um novo ao seu administrador.',
  },
  linkInUse: (platform) => `Esta conta do ${platform} já pertence a outra conta do Rivet, então este link não pode assumi-la. Fale com seu administrador.`,
  linked: (platform, tier, name) => `✅ Vinculado. Seu ${platform} agora está conectado à sua conta do Rivet (${tier}).\n\n${welcome(name)}`,
  language: {
    choose: (current) => `Respondo em ${current}. Escolha outro idioma, ou Automático para seguir o idioma em que você escreve:`,
    set: 'Certo, a partir de agora respondo em português.',
    auto: 'Certo, respondo no idioma em que você escrever.',
    autoButton: 'Automático',
    usage: 'Mande /language com en, es, pt ou de (por ex. /language pt), ou /language auto.',
  },
  pending: { report: 'relato', reportAbout: (asset) => `relato sobre ${asset}`, change: (id) => `pedido de alteração na ${id}`, request: 'pedido' },
};

export const ptRefusal: RefusalTexts = {
  stranger: (platform) =>
    `Olá! Aqui o Rivet é só por convite. Peça ao seu administrador ou supervisor um link de cadastro: ao tocar nele, seu ${platform} fica conectado ao Rivet.`,
  not_customer: () => 'Olá! Aqui o Rivet é só para assinantes, e sua conta não tem assinatura ativa. Peça ao seu administrador um link de cadastro.',
  disabled: () => 'Sua conta do Rivet está desativada. Fale com seu administrador se precisar dela.',
  toast: 'Você não tem acesso ao Rivet aqui.',
  group: (chatId) => `Não estou configurado para este grupo, então vou sair. Um administrador pode liberá-lo no Rivet (grupo ${chatId}) e me adicionar de novo.`,
  groupToast: 'Não estou configurado para este grupo.',
  groupHello: 'Olá a todos! Me mencionem com o que quebrou e onde, e eu abro a ordem. /help mostra o resto.',
};
