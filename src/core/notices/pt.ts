/** Avisos sobre o resultado dos trabalhos, em português (seguem o catálogo inglês de ../notices.ts). */
import type { WorkOrderStatus } from '../model.js';
import type { FailureCause, NoticeTexts } from '../notices.js';

const STATUS: Record<WorkOrderStatus, string> = { OPEN: 'ABERTA', IN_PROGRESS: 'EM ANDAMENTO', ON_HOLD: 'EM ESPERA', COMPLETE: 'CONCLUÍDA' };
const quote = (text: string) => (text.length > 300 ? `${text.slice(0, 299).trimEnd()}…` : text);

function explainFailure(cause: FailureCause): string {
  switch (cause.kind) {
    case 'atlas_not_configured':
      return 'O Rivet ainda não está conectado ao Atlas, então não consegue abrir ordens. Peça ao seu administrador para configurar a conexão com o Atlas.';
    case 'license':
      switch (cause.license) {
        case 'open_work_orders':
          return 'O Atlas recusou: esta instância chegou ao limite gratuito de 30 ordens abertas. Conclua ou feche algumas (ou licencie o Atlas) e relate de novo.';
        case 'files':
          return 'O Atlas recusou o anexo: esta instância não tem licença para arquivos. O Rivet guarda o arquivo.';
        case 'users':
          return 'O Atlas recusou: o limite gratuito de 5 usuários em funções pagas foi atingido.';
        default:
          return `O Atlas recusou: esta instância não tem licença para isso${cause.detail ? ` (${cause.detail})` : ''}.`;
      }
    case 'rejected':
      return `O Atlas recusou o pedido${cause.detail ? `: ${cause.detail}` : ''}. Confira e tente de novo, ou pergunte a um supervisor.`;
    case 'not_found':
      return `O Atlas não tem mais ${cause.what}.`;
    case 'auth':
      return 'A conta do Rivet no Atlas foi recusada (credenciais erradas ou revogadas). Seu administrador precisa corrigir a conexão com o Atlas.';
    case 'gave_up':
      return `O Atlas não responde há ${cause.hours} horas, então o Rivet parou de tentar. Um supervisor pode tentar de novo pela visão de administração.`;
    case 'cancelled':
      return 'Cancelado; nada foi aberto.';
    case 'internal':
      return 'Algo deu errado dentro do Rivet; um supervisor já foi avisado.';
  }
}

export const ptNotices: NoticeTexts = {
  workOrderFiled: (id, title) => `Aberta ${id} — ${title}`,
  statusChanged: (id, status) => `${id} agora está ${STATUS[status]}`,
  commentAdded: (id) => `Adicionei seu comentário à ${id}.`,
  reportDelayed: () => 'O Atlas não está respondendo; seu relato está salvo e será aberto assim que ele voltar. Não precisa mandar de novo.',
  updateDelayed: (id) => `O Atlas não está respondendo; sua alteração${id ? ` na ${id}` : ''} está salva e será feita assim que ele voltar.`,
  attachmentKeptByRivet: (name, at) => `O anexo "${name}" fica guardado pelo Rivet (${at}); esta instância do Atlas não tem licença para anexos.`,
  attachmentsFailed: (id, n) => `${id} foi aberta, mas ${n === 1 ? 'o anexo não pôde ser adicionado' : `${n} anexos não puderam ser adicionados`}; o Rivet guarda os arquivos.`,
  explainFailure,
  reportFailed: (cause, title) => `Seu relato "${title}" não pôde ser aberto. ${explainFailure(cause)}`,
  updateFailed: (cause, id) => `Sua alteração${id ? ` na ${id}` : ''} não pôde ser feita. ${explainFailure(cause)}`,
  changedByOther: (id, status, by) => `${id} agora está ${STATUS[status]} (alterada por ${by}).`,
  commentedByOther: (id, by, text) => `${by} comentou na ${id}: “${quote(text)}”`,
  reportApproved: (title) => `Um supervisor aprovou “${title}”. Abrindo agora.`,
  reportRejected: (title) => `Um supervisor não aprovou “${title}”, então não foi aberta. Fale com seu supervisor se acha que deveria.`,
  approvalExpired: (title) => `Nenhum supervisor respondeu a tempo, então “${title}” não foi aberta. Mande de novo ou fale com seu supervisor.`,
  questionExpired: (q, min) => `Sem resposta em ${min} minutos, então deixei esta pergunta: "${q}". Mande sua mensagem de novo quando puder.`,
  assetGone: (asset) => `O Atlas não conhece mais ${asset}. Abro o relato sem ativo?`,
};
