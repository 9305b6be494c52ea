/**
 * Priority of a fault report, in Atlas's enum: HIGH for safety, leaks, fire/smoke, production
 * down or "urgent/asap"; LOW for "no rush", "whenever", cosmetic; MEDIUM otherwise. When the
 * writer plays the problem down ("not urgent", "nobody inside", "we're fine for now", "the other
 * one is carrying it") it goes down. Consequences (consequence.ts: a leak, fire, a release,
 * someone at risk, a warming cold store…) and playing it down are read in every language (the
 * language packs); life-safety equipment is HIGH unless all that is said is a symptom
 * ("smoke detector chirping, low battery"). The rules' verdict is one input of the learned
 * priority head; what the writer states ("no rush", "asap") stays a rule over it.
 */
import type { Priority } from '../model.js';
import { fold } from '../assets/text.js';
import { PACKS } from './lang/index.js';
import { consequencesOf, type ConsequenceSignal } from './consequence.js';

const LOW = [
  /\bno (?:rush|hurry)\b/,
  /\bwhenever\b/,
  /\bwhen (?:you|someone|u) (?:get|gets|have) (?:a )?(?:chance|minute|sec|moment)\b/,
  /\bcosmetic\b/,
  /\blow priority\b/,
  /\bnot (?:urgent|critical|a priority|pressing)\b/,
  /\bnot an? (?:emergency|priority)\b/,
  /\bsin prisa\b/,
  /\bno es urgente\b/,
  /\bsem pressa\b/,
  /\bnao e urgente\b/,
  /\bkeine eile\b/,
  /\bnicht dringend\b/,
  /\bwhen(?:ever)? (?:convenient|possible)\b/,
  /\bnext (?:week|pm|shutdown|outage)\b/,
];

const HIGH = [
  /\burgent(?:e|ly)?\b/,
  /\bdringend\b/,
  /\basap\b/,
  /\bemergency\b/,
  /\bimmediately\b/,
  /\bright away\b/,
  /\b(?:pls|please|plz) hurry\b/,
  /\bdont sit on it\b|\bdon't sit on it\b/,
  /\bnot safe\b|\bunsafe\b|\bsafe to (?:run|use)\b|\bsafety\b|\blife safety\b/,
  /\bleak(?:s|ing|in|ed)?\b|\bvazamento\b|\bvazando\b|\bfuga\b|\bundicht\b|\bdripping\b(?! a bit)|\boverflowing\b|\bflooding\b|\bspill\b/,
  /\bfire\b|\bsmoke\b|\bsmok(?:ing|y)\b|\bburn(?:t|ing|ed)\b|\bsparks?\b|\bsmells? like gas\b|\bgas (?:smell|leak)\b|\bfumes?\b/,
  /\bbare wires?\b|\bexposed wires?\b|\belectrocut|\bshock(?:ed)?\b|\barc(?:ing)?\b/,
  /\b(?:production|line|cell|press|plant|everything) (?:is )?(?:down|stopped)\b/,
  /\b(?:is|was|are|went) down\b|\bdown!+|\bdown\s*$/,
  /\b(?:stopped|stop) the line\b|\bline (?:is )?stopped\b|\bline \d+ (?:is )?stopped\b|\bcant run\b|\bcan't run\b|\bhave to stop\b/,
  /\b(?:paint|assembly|press|production) line (?:is )?(?:stopped|down)\b/,
  /\b(?:line|conveyor|production|press|cell|sorter|everything|slat|belt|machine|robot|asset)\s+(?:\w+\s+)?(?:is\s+)?stopped\b/,
  /\basset (?:is |went |just went )?down\b|\basset is (?:completely |totally )?dead\b/,
  /\blow water (?:cutoff|cut-off|cut out|level|trip|alarm)\b|\blwco\b|\bclimbing\b|\bkeeps? rising\b|\brising\b|\bwarming up\b/,
  /\b(?:locked|tagged) (?:it |him |her )?out\b|\bdouble hit/,
  /\bwaiting to (?:unload|load|ship)\b|\btrucks? waiting\b|\btrailers? (?:stacking|backing|waiting)\b|\bstacking up\b|\bbacking up\b/,
  /\bno (?:steam|power|heat at all)\b|\bwont relight\b|\bwon't relight\b/,
  /\bbrakes?\b.*\b(?:soft|not holding|slip|fail|gone)|\bslips?\b.*\bbefore it holds\b|\bnot holding\b/,
  /\binterlock\b|\blight curtain\b|\be-?stop\b|\bguard\b.*\b(?:off|broken|missing)\b|\bhook latch\b/,
  /\bhanging\b|\bcould (?:creep|fall|collapse)\b|\bcollapse\b|\balmost (?:got )?(?:hit|clipped)\b|\binjur/,
  /\bbulging\b|\bexplod/,
  /\bspoil\b|\bfood\b|\bammonia\b|\bcontaminat\w*|\ballergen\w*|\bforeign (?:object|material|body)\b|\bmetal (?:in|found)\b/,
  /\bserver room\b|\bsala de servidores\b|\bdata cent(?:er|re)\b|\bon battery\b/,
  /\b(?:icu|nicu|picu|intensive care|operating rooms?|or suite|isolation|negative pressure|emergency department|trauma|cath lab|labor and delivery)\b/,
  /\bfire (?:pump|alarm|panel)\b|\bsprinkler\b|\bfacp\b|\beyewash\b|\bemergency (?:light|shower|generator)\b/,
  /\bwater rising\b|\brising fast\b/,
  /\bundercured\b|\bout of spec\b|\brejects?\b.*\bscrap\b/,
  /\bgoing negative\b/,
  /\bbitte dringend\b|\bsteht\b/,
  /!{2,}/,
];

/** Phrases that say the fault is contained: a HIGH cue drops to MEDIUM. */
const CONTAINED = [
  /\bnobody (?:inside|in it|hurt|injured)\b/,
  /\bno one (?:inside|in it|hurt|injured)\b/,
  /\b(?:nadie|ninguem|niemand|keiner) (?:adentro|dentro|drin|herido|ferido|verletzt)\b/,
  // another unit carries the load: "B is carrying it", "la otra funciona", "der andere läuft"
  /\b(?:is |are )?(?:carrying (?:it|the load)|took over|picked up)\b/,
  /\bno panic\b/,
  /\b(?:la otra|el otro|a outra|o outro) (?:funciona|esta funcionando|sigue|assumiu)\b|\b(?:der|die|das) andere (?:lauft|geht|ubernimmt)\b/,
  /\bfine for now\b/,
  /\bok for now\b/,
  /\bbackup is running\b/,
];

/** HIGH cues that are only about another, not-urgent matter when negated ("not leaking"). */
const NEGATED = /\b(?:not|no|isnt|isn't|never|without|sin|sem|nao|nunca|kein|keine|nicht|ohne)\s+(?:\w+\s+)?$/;

/** One alternation per list: most texts match none, and one scan says so. */
const anyOf = new WeakMap<readonly RegExp[], RegExp>();

function hits(list: readonly RegExp[], text: string): boolean {
  let any = anyOf.get(list);
  if (any === undefined) {
    any = new RegExp(list.map((r) => `(?:${r.source})`).join('|'));
    anyOf.set(list, any);
  }
  if (!any.test(text)) return false;
  for (const re of list) {
    const m = re.exec(text);
    if (m && !NEGATED.test(text.slice(Math.max(0, m.index - 20), m.index))) return true;
  }
  return false;
}

/** Equipment whose failure is a safety matter by nature (fire protection, eyewash, server rooms). */
const CRITICAL_EQUIPMENT = /\b(?:metal detector|x-?ray|icu|nicu|intensive care|operating rooms?|or suite|isolation|emergency department|generator|gen-?\d+|ups(?:-?\d+)?|data cent(?:er|re)|light curtain|interlock|e-?stop|safety|fire|sprinkler|facp|eyewash|emergency|life safety|gas|server|servidores|alarm panel|smoke detector|defib\w*|oxygen|medical gas)\b/;

/**
 * Consequences that make a report HIGH whatever the trade: a leak, fire or smoke, a gas or
 * chemical release, someone trapped or at risk, people kept out, nobody able to use it, people
 * or trucks waiting on it, a regulatory or quality matter, a cold store warming with product in it.
 */
const SAID_HIGH: readonly ConsequenceSignal[] = ['fluidLoss', 'burning', 'release', 'trapped', 'injury', 'coldChain', 'cleared', 'blocked', 'compliance', 'waiting'];

/** Consequences that are more than a symptom. */
const LOSS: readonly ConsequenceSignal[] = ['trapped', 'injury', 'cleared', 'release', 'burning', 'fluidLoss', 'waiting', 'blocked', 'serviceLost', 'productRisk'];

/**
 * text: the folded message with the asset mention replaced by the word "asset" (so "leak tester" is no leak).
 * mention: the folded asset mention, checked for life-safety equipment and critical areas.
 */
export function detectPriority(
  text: string,
  mention = '',
  signals: readonly ConsequenceSignal[] = consequencesOf(text, mention),
): { priority: Priority; cue: 'high' | 'low' | 'none' } {
  if (downplayed(text)) return { priority: 'LOW', cue: 'low' };
  const critical = CRITICAL_EQUIPMENT.test(mention);
  // said in any language (SAID_HIGH); life-safety equipment unless all that is said is a symptom ("chirping, low battery")
  const said = SAID_HIGH.some((k) => signals.includes(k));
  const onlySymptom = signals.includes('symptom') && !LOSS.some((k) => signals.includes(k));
  if ((critical && !onlySymptom) || said || hits(HIGH, text)) {
    if (hits(CONTAINED, text)) return { priority: 'MEDIUM', cue: 'none' };
    return { priority: 'HIGH', cue: 'high' };
  }
  return { priority: 'MEDIUM', cue: 'none' };
}

/** The writer's own word for urgency ("urgent", "asap", "dringend", "please prioritise"), not negated. */
const EXPLICIT_HIGH = [
  /\b(?:urgent|urgently|asap|emergency|immediately|right away|prioriti[sz]e|top priority|urgente|urgencia|emergencia|inmediatamente|de inmediato|cuanto antes|lo antes posible|imediatamente|o quanto antes|o mais rapido possivel|dringend|sofort|notfall|umgehend|schnellstmoglich)\b/,
];

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');

/** Every language pack's notUrgent phrases as one pattern (a trailing `*` matches any ending). */
const NOT_URGENT = [
  new RegExp(
    `\\b(?:${[...new Set(Object.values(PACKS).flatMap((p) => p.cues.notUrgent ?? []))]
      .map((w) => fold(w).replace(/['’]/g, ''))
      .sort((a, b) => b.length - a.length)
      .map((w) => (w.endsWith('*') ? `${escape(w.slice(0, -1))}\\w*` : escape(w)))
      .join('|')})\\b`,
  ),
];

/**
 * The writer plays it down in any language: "no rush", "can wait", "sin urgencia", "quando
 * der", "eilt nicht" (the LOW phrases and every language pack's notUrgent cues).
 */
export function downplayed(text: string): boolean {
  return hits(LOW, text) || hits(NOT_URGENT, text);
}

/**
 * What the writer says the priority is, when they say it: "no rush" / "not urgent" is LOW,
 * "urgent" / "asap" is HIGH (the labelling guide's own definition); null when they do not say.
 * These stay rules over the learned priority.
 */
export function statedPriority(text: string): Priority | null {
  if (downplayed(text)) return 'LOW';
  if (hits(EXPLICIT_HIGH, text) && !hits(CONTAINED, text)) return 'HIGH';
  return null;
}
