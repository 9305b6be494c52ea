/**
 * Which language a message is written in (en, es, pt, de), by counting function words and
 * maintenance words typical of each. Short or mixed messages default to English.
 */
export type Language = 'en' | 'es' | 'pt' | 'de';

const CUES: Record<Exclude<Language, 'en'>, RegExp> = {
  es: /\b(el|la|los|las|del|una?|por|para|que|esta|está|no funciona|no arranca|no abre|orden|como|cómo|gracias|ayuda|cancelar|urgente|fuga|grande|agua|puerta|muelle|montacargas|bomba|compresor|caldera|prensa|seguro|usar|con|rota|roto|reversa|alarma|máquina|maquina|hielo|comedor|tengo|mis|órdenes|ordenes|trabajo|hola|buenos|días|dias|listo|terminado|hecho|pendiente|espera|revisar|sin prisa|ya)\b/giu,
  pt: /\b(o|os|da|do|das|dos|não|nao|está|esta|com|vazamento|óleo|oleo|parou|obrigad[oa]|técnico|tecnico|vem|hoje|concluída|concluida|empilhadeira|caldeira|pneu|furado|ar condicionado|sala|servidores|minhas|ordens|serviço|servico|ajuda|cancelar|urgente|olá|ola|bom dia|feito|pronto|aguardando|pausa|sem pressa|quebrad[oa]|funciona)\b/giu,
  de: /\b(der|die|das|und|ist|zu|im|bitte|dringend|steht|hat|meine|offenen|aufträge|auftrag|kommentar|gewechselt|jetzt|klemmt|beim|halle|rolltor|störung|stoerung|zu hoch|nicht|kaputt|defekt|undicht|danke|hilfe|abbrechen|erledigt|fertig|angefangen|wartet|teile|keine eile|schweißroboter|schweissroboter|zelle|kompressor|öltemperatur|filter|gabelstapler|pumpe|kessel|presse|hallo|guten|morgen)\b/giu,
};

export function detectLanguage(text: string): Language {
  let best: Language = 'en';
  let bestN = 0;
  for (const lang of ['es', 'pt', 'de'] as const) {
    const re = CUES[lang];
    re.lastIndex = 0;
    const n = text.match(re)?.length ?? 0;
    if (n > bestN) {
      best = lang;
      bestN = n;
    }
  }
  if (bestN === 0) return 'en';
  // English words outweighing foreign cues means English with a foreign name in it
  const en = text.match(/\b(the|is|are|and|not|with|on|in|it|my|to|of|for|wont|isnt|keeps|again)\b/gi)?.length ?? 0;
  if (en > bestN) return 'en';
  // Spanish and Portuguese share many words; tie-break on the distinctive ones
  if (best === 'es' || best === 'pt') {
    const pt = /ã|õ|ç|\b(não|nao|está com|da|do|das|dos|vem|hoje|concluída|concluida|parou|vazamento|obrigad|os \d|em)\b/i.test(text);
    const es = /ñ|¿|¡|\b(el|del|los|las|está roto|no funciona|no abre|no arranca|gracias|ayuda|orden|fuga|muelle|montacargas|seguro|usar)\b/i.test(text);
    if (pt && !es) return 'pt';
    if (es && !pt) return 'es';
  }
  return best;
}
