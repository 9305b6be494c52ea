/**
 * A clean work-order title from a report: first clause, no greetings or filler ("hey", "pls",
 * "quick one"), no emoji, capitalised, at most 80 characters on a word boundary.
 */
const LEAD_FILLER =
  /^(?:(?:hey|hi|hello|yo|so|ok|okay|um|uh|guys|boss|team|folks|all|quick one|fyi|heads up|just|btw|morning|good morning|hola|oi|ola|hallo|bitte|por favor)\b[\s,!.:;-]*)+/i;
const FILLER = /\b(?:pls|plz|please|por favor|bitte|lol|tbh|idk|fyi|thx|thanks)\b[,.!]*/gi;
/** Urgency said at the end ("…, urgent", "… asap", "…, no rush"): it is the priority, not the title. */
const TRAILING_URGENCY =
  /(?:[\s,;:–-]+(?:(?:very|pretty|super|really)\s+)?(?:urgent|urgently|asap|a\.s\.a\.p\.?|whenever|no rush|not urgent|when you can|whenever you can|when you get a chance|dringend|urgente|sin prisa|sem pressa|nicht dringend)[!.]*)+\s*$/i;
const EMOJI = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu;
const MAX = 80;

export function makeTitle(text: string): string | null {
  let t = (/^[\x00-\x7f]*$/.test(text) ? text : text.replace(EMOJI, ' ')).replace(/\s+/g, ' ').trim();
  t = t.replace(LEAD_FILLER, '');
  // first sentence; keep the clause that says what is wrong
  const sentence = /^(.+?)(?:[.!?]+\s|[.!?]+$|\n|$)/.exec(t)?.[1] ?? t;
  t = sentence.replace(FILLER, ' ').replace(/\s+/g, ' ').replace(/[\s,;:–-]+$/, '').trim();
  const withoutUrgency = t.replace(TRAILING_URGENCY, '').trim();
  if (withoutUrgency.length >= 3) t = withoutUrgency;
  t = t.replace(/^[¿¡]/, '');
  if (t.length === 0) return null;
  if (t.length > MAX) {
    const cut = t.slice(0, MAX);
    const sp = cut.lastIndexOf(' ');
    t = (sp > 40 ? cut.slice(0, sp) : cut).replace(/[\s,;:–-]+$/, '');
  }
  return t.charAt(0).toUpperCase() + t.slice(1);
}
