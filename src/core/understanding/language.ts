/**
 * Which language a message is written in (en, es, pt, de), by counting function words and
 * maintenance words typical of each. Short or mixed messages default to English.
 */
import { fold } from '../assets/text.js';

export type Language = 'en' | 'es' | 'pt' | 'de';

const words = (s: string) => new Set(s.split(' '));
const CUES: Record<Exclude<Language, 'en'>, Set<string>> = {
  es: words(
    'el la los las del una un por para que esta no funciona arranca abre orden como gracias ayuda cancelar urgente fuga grande agua puerta muelle montacargas bomba compresor caldera prensa seguro usar con rota roto reversa alarma maquina hielo comedor tengo mis ordenes trabajo hola buenos dias listo terminado hecho pendiente espera revisar prisa ya',
  ),
  pt: words(
    'o os da do das dos nao esta com vazamento oleo parou obrigado obrigada tecnico vem hoje concluida empilhadeira caldeira pneu furado ar condicionado sala servidores minhas ordens servico ajuda cancelar urgente ola bom dia feito pronto aguardando pausa sem pressa quebrado quebrada funciona clinica elevador parado',
  ),
  de: words(
    'der die das und ist zu im bitte dringend steht hat meine offenen auftrage auftrag kommentar gewechselt jetzt klemmt beim halle rolltor storung hoch nicht kaputt defekt undicht danke hilfe abbrechen erledigt fertig angefangen wartet teile keine eile schweissroboter zelle kompressor oltemperatur gabelstapler pumpe kessel presse hallo guten morgen in',
  ),
};
const EN = words('the is are and not with on in it my to of for wont isnt keeps again a at this that was has have no');
const PT_ONLY = words('nao da do das dos vem hoje concluida parou vazamento obrigado obrigada em esta com ola');
const ES_ONLY = words('el del los las gracias ayuda orden fuga muelle montacargas seguro usar funciona arranca abre');

export function detectLanguage(text: string): Language {
  const toks = fold(text).split(/[^a-z0-9]+/).filter((t) => t.length > 0);
  if (toks.length === 0) return 'en';
  let best: Language = 'en';
  let bestN = 0;
  let en = 0;
  const counts = { es: 0, pt: 0, de: 0 };
  for (const t of toks) {
    if (EN.has(t)) en++;
    if (CUES.es.has(t)) counts.es++;
    if (CUES.pt.has(t)) counts.pt++;
    if (CUES.de.has(t)) counts.de++;
  }
  for (const lang of ['es', 'pt', 'de'] as const) {
    if (counts[lang] > bestN) {
      best = lang;
      bestN = counts[lang];
    }
  }
  if (bestN === 0 || en > bestN) return 'en';
  if (best === 'es' || best === 'pt') {
    const pt = /[ãõç]/.test(text) || toks.some((t) => PT_ONLY.has(t));
    const es = /[ñ¿¡]/.test(text) || toks.some((t) => ES_ONLY.has(t));
    if (pt && !es) return 'pt';
    if (es && !pt) return 'es';
  }
  return best;
}
