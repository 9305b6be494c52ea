/**
 * A CMMS-style work-order title from a report: the asset (its tag when it has one, else a short
 * name) and the problem, at most 60 characters, never cut mid-word ("DEP-1 dropping layers of
 * bottles", "Ice machine leaking – 4 West"). Greetings, filler ("hey", "pls"), emoji and trailing
 * urgency ("…, asap": that is the priority) are left out. The full message stays the description.
 */
import type { AssetRecord } from '../model.js';

export const TITLE_MAX = 60;

const LEAD_FILLER =
  /^(?:(?:hey|hi|hello|yo|so|ok|okay|um|uh|guys|boss|team|folks|all|quick one|fyi|heads up|just|btw|morning|good morning|hola|oi|ola|olá|hallo|bitte|por favor)\b[\s,!.:;-]*)+/i;
const FILLER = /\b(?:pls|plz|please|por favor|bitte|lol|tbh|idk|fyi|thx|thanks)\b[,.!]*/gi;
/** Urgency said at the end ("…, urgent", "… asap", "…, no rush"): it is the priority, not the title. */
const TRAILING_URGENCY =
  /(?:[\s,;:–-]+(?:(?:very|pretty|super|really)\s+)?(?:urgent|urgently|asap|a\.s\.a\.p\.?|whenever|no rush|not urgent|when you can|whenever you can|when you get a chance|dringend|urgente|sin prisa|sem pressa|nicht dringend)[!.]*)+\s*$/i;
/** A word every alternative of TRAILING_URGENCY contains: without one, it cannot match. */
const URGENCY_WORD = /urgent|asap|a\.s\.a\.p|whenever|no rush|when you|dringend|sin prisa|sem pressa/i;
const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu;
/** Words that only link the machine to what is wrong with it ("… is leaking", "… keeps tripping"). */
const LINKING =
  /^(?:(?:is|are|was|were|has|have|had|been|being|keeps|kept|keep|seems|seem|appears|to be|just|still|now|again|also|got|gets|started|starting|starts|s|está|esta|estão|estao|están|estan|tá|ta|ist|sind|hat|haben|tiene|tem|sigue|continua|continúa)\b[\s,]*)+/i;
/** Articles and possessives in front of a machine ("the", "our", "la", "die"). */
const DETERMINER = /^(?:(?:the|a|an|our|my|this|that|el|la|los|las|un|una|o|os|as|um|uma|der|die|das|den|dem|ein|eine|unser|unsere)\s+)+/i;
const LEAD_OPENER = /^(?:there(?:'|’)?s|there is|there are|we have|we've got|we got|i think|looks like|seems like|hay|tem|es gibt)\s+/i;
/** Words a title never ends with ("dropping layers of", "leaking on the"). */
const DANGLING = new Set(
  'a an the of on in at to for from with by and or but so into onto under over near next behind is are was were my our this that its their el la los las de del en con y o e da do das dos em no na com und oder der die das den dem im am mit von zu auf'.split(' '),
);

/** What a title is made from. */
export interface TitleSource {
  /** The asset the report is about, when known. */
  asset?: Pick<AssetRecord, 'name' | 'location' | 'area'> | null;
  /** The words of the message that named the machine, as said. */
  mention?: string | null;
}

function clean(text: string): string {
  let t = (/^[\x00-\x7f]*$/.test(text) ? text : text.replace(EMOJI, ' ')).replace(/\s+/g, ' ').trim();
  t = t.replace(LEAD_FILLER, '');
  t = t.replace(FILLER, ' ').replace(/\s+/g, ' ').replace(/[\s,;:–-]+$/, '').trim();
  const withoutUrgency = URGENCY_WORD.test(t) ? t.replace(TRAILING_URGENCY, '').trim() : t;
  if (withoutUrgency.length >= 3) t = withoutUrgency;
  return t.replace(/^[¿¡]/, '').trim();
}

/** The first sentence; a one-word first sentence ("Help!") takes the next one with it. */
function firstSentence(t: string): string {
  const m = /^(.+?)(?:[.!?]+\s|[.!?]+$|\n|$)/.exec(t);
  const s = (m?.[1] ?? t).trim();
  return !s.includes(' ') && m && t.length > m[0].length ? `${s} ${firstSentence(t.slice(m[0].length))}` : s;
}

/** The tag in an asset's name ("Depalletizer DEP-1" → DEP-1, "Pump P-504 (PT Stage 4)" → P-504). */
export function assetTag(name: string): string | null {
  const head = name.split(/\s+[-–(]\s*|\s*\(/)[0] ?? name;
  const codes = head.match(/\b[A-Za-z]{1,6}\d*-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\b/g) ?? [];
  const tag = codes.filter((c) => /\d/.test(c) && /[A-Za-z]/.test(c) && c.length >= 4).pop();
  return tag ?? null;
}

/** "Walk-in Cooler - Produce (north wall)" → "Walk-in Cooler - Produce"; long names end on a word. */
function shortName(name: string): string {
  const n = name.replace(/\s*\([^)]*\)\s*/g, ' ').replace(/\s+/g, ' ').trim() || name;
  return n.length <= 30 ? n : fit(n.split(/\s+[-–]\s+/)[0]!, 30);
}

/** How a title names the asset: its tag, else a short name. */
export function assetTitleLabel(asset: Pick<AssetRecord, 'name'>): string {
  return assetTag(asset.name) ?? shortName(asset.name);
}

/** The last part of where the asset is ("Store 118 - Lakeside - Back Room" → "Back Room"). */
function where(asset: Pick<AssetRecord, 'location' | 'area'>): string | null {
  const parts = (asset.location?.name ?? asset.area ?? '').split(/\s+[-–]\s+/).map((p) => p.trim()).filter(Boolean);
  return parts.length ? parts[parts.length - 1]! : null;
}

/** Cuts on a word boundary to at most `max` characters and drops a dangling "of"/"the" at the end. */
function fit(s: string, max: number): string {
  let t = s.trim();
  if (t.length > max) {
    const cut = t.slice(0, max + 1);
    const sp = cut.lastIndexOf(' ');
    t = sp > 0 ? cut.slice(0, sp) : '';
  }
  for (;;) {
    t = trimTrailing(t);
    // the last word, and everything before it (one word: nothing to drop)
    const sp = t.lastIndexOf(' ');
    if (sp >= 0 && DANGLING.has(t.slice(sp + 1).toLowerCase().replace(NOT_ALNUM, ''))) t = t.slice(0, sp);
    else return t;
  }
}

const NOT_ALNUM = /[^\p{L}\p{N}]/gu;
const TRAILING_JUNK = /[\s,;:–\-/(&]/;
/** t without trailing whitespace and punctuation ("…, " "… -"): what replace(/[\s,;:–\-/(&]+$/, '') gives, without scanning the whole text. */
function trimTrailing(t: string): string {
  let e = t.length;
  while (e > 0 && TRAILING_JUNK.test(t.charAt(e - 1))) e--;
  return e === t.length ? t : t.slice(0, e);
}

/** The problem said after the machine: its first clause when the whole does not fit. */
function problemAfter(after: string, room: number): string {
  let p = after.replace(/^[\s,:;–-]+/, '');
  // "… on line 1 keeps dropping …": where it is was said in the asset; the problem starts at the verb.
  const placed = PLACE_THEN_VERB.exec(p);
  if (placed) p = p.slice(placed[0].length);
  p = p.replace(LINKING, '').trim();
  if (p.length <= room) return fit(p, room);
  const clause = p.split(/\s*[,;:]\s+|\s+[–-]\s+|\s+(?:but|because|since|so|and then|pero|porque|mas|aber|weil)\s+/i)[0]!;
  return fit(clause, room);
}

const PLACE_THEN_VERB =
  /^(?:on|in|at|near|by|inside|outside|behind|under|over|up on|down in|en|em|no|na|im|am|auf)\s+(?:[\p{L}\p{N}#'’-]+\s+){1,4}?(?=(?:is|are|was|keeps|kept|has|have|won['’]?t|wont|isn['’]?t|isnt|can['’]?t|doesn['’]?t|stopped|started|not|está|esta|tá|ist|hat)\b)/iu;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Where a mention that ran on into the symptom ("gate arm won't lift") starts saying what is wrong. */
const PROBLEM_START =
  /\s(?:won['’]?t|can['’]?t|isn['’]?t|aren['’]?t|doesn['’]?t|don['’]?t|didn['’]?t|not|no longer|is|are|was|keeps|stopped|started|no funciona|não|nao|geht nicht|ist)\s/i;
/** An unresolved mention names the machine in the title only when the message starts with it. */
const MENTION_NEAR_START = 24;

export function makeTitle(text: string, source: TitleSource = {}): string | null {
  const said = firstSentence(clean(text));
  if (said.length === 0) return null;
  let mention = source.mention?.trim() ? source.mention.trim() : null;
  const at = mention ? said.toLowerCase().indexOf(mention.toLowerCase()) : -1;
  if (mention && at >= 0) {
    const ran = PROBLEM_START.exec(mention);
    if (ran && ran.index > 0) mention = mention.slice(0, ran.index);
  }
  const fromMention = mention && at >= 0 && at <= MENTION_NEAR_START ? capital(fit(mention.replace(DETERMINER, ''), 30)) : null;
  const label = source.asset ? assetTitleLabel(source.asset) : fromMention;

  if (label && at >= 0 && mention) {
    const before = said.slice(0, at).replace(/[\s,]+$/, '').replace(/\s+(?:the|a|an|our|my|this|el|la|los|las|o|os|der|die|das|den|dem)$/i, '');
    const after = said.slice(at + mention.length);
    const lead = before.replace(DETERMINER, '').replace(LEAD_OPENER, '').trim();
    const problem = problemAfter(after, TITLE_MAX - label.length - 1);
    const leadWords = lead ? lead.split(' ').length : 0;
    let title: string;
    if (leadWords === 0 || (problem.split(' ').length >= 2 && leadWords <= 3) || (problem && leadWords <= 1)) {
      title = problem ? `${label} ${problem}` : label;
    } else if (lead.length + label.length + 1 <= TITLE_MAX) {
      // "smoke coming from the kitchen exhaust fan": the problem came first; keep the order, name the machine short.
      title = `${capital(lead)} ${label}`;
    } else {
      title = `${label} – ${fit(lead.split(/\s*[,;:]\s+/)[0]!.replace(LINKING, ''), TITLE_MAX - label.length - 3)}`;
    }
    const place = source.asset && !assetTag(source.asset.name) ? where(source.asset) : null;
    if (place && !title.toLowerCase().includes(place.toLowerCase()) && title.length + place.length + 3 <= TITLE_MAX) {
      title = `${title} – ${place}`;
    }
    return capital(fit(title, TITLE_MAX));
  }
  if (label && source.asset && !said.toLowerCase().includes(label.toLowerCase())) {
    // The machine is known but not named in the words (a QR sticker, a picked button): say it first.
    const rest = said.replace(DETERMINER, '');
    const problem = problemAfter(/^\p{Lu}\p{Ll}/u.test(rest) ? rest.charAt(0).toLowerCase() + rest.slice(1) : rest, TITLE_MAX - label.length - 1);
    if (problem) return capital(`${label} ${problem}`);
  }
  const clause = said.split(/\s*[,;:]\s+|\s+[–-]\s+/)[0]!;
  const plain = said.length > TITLE_MAX && clause.length >= 12 && clause.length <= TITLE_MAX ? fit(clause, TITLE_MAX) : fit(said, TITLE_MAX);
  return plain ? capital(plain) : capital(said.slice(0, TITLE_MAX));
}
