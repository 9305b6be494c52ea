/**
 * Work-order numbers in the forms technicians type: "#42", "WO-42", "WO000042", "work order 42",
 * "wo42", "w/o 2118", "OS 1874", "orden 1920", and bare numbers where a work order is clearly
 * meant ("1888 waiting parts", "hows 1960 going"). Asset tags (P-301), readings (95C, 3 bar),
 * times (2pm), money ($4,800), rooms and lines are never work orders.
 */
/** Lower-case and strip accents without changing string length (offsets must stay valid). */
const PLAIN = /^[\x00-\x7f]*$/;
function fold(s: string): string {
  // plain ASCII has no accents and no ß: lower case is all there is to do
  if (PLAIN.test(s)) return s.toLowerCase();
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 's');
}

export interface WorkOrderRef {
  number: number;
  /** Span of the number itself. */
  start: number;
  end: number;
  /** Span including its keyword ("work order #1907"). */
  refStart: number;
}

const KEYWORD =
  /(?<![a-z0-9-])(?:w\/o|wo|work\s*order|workorder|orden(?:\s+de\s+trabajo)?|ordem(?:\s+de\s+servico)?|os|ot|auftrag|arbeitsauftrag|ticket)\s*(?:#|no\.?|nr\.?|n[o°º]\.?|number)?\s*[-:]?\s*#?\s*(\d{1,7})(?![\d.,]*(?:%|[a-z]))/g;
const HASH = /(^|[\s(,;:])#\s?(\d{2,7})\b/g;
/** Words after which a bare number is something else (a line, a door, a purchase order). */
const NOT_AFTER = new Set(
  'po line lane door room aisle bay dock station zone cell level mezz lot code press pump truck forklift leveler unit fan tower ton between at about around approx past by setpoint of x'.split(
    ' ',
  ),
);
/** Words after which a bare 4+ digit number mid-sentence is a work order ("on my way to 2015", "working 2101"). */
const WO_AFTER = new Set(
  'to on for with about re working work closed close closing started starting start finish finished hold mark marking done update updated out onto into zu sobre para de da do la el na no en hows how whos who is was did picking pick put check finishing fixed re-open reopen'.split(
    ' ',
  ),
);
const UNIT_AFTER = /^\s*(?:%|°|x\b|(?:c|f|k|bar|psi|mm|cm|m|kg|lbs?|t|tons?|kva|kw|hp|v|am|pm|h|hrs?|min|mins|sec|gal|gpm|l|ft|yrs?|years|days|weeks|wks|deg|degrees|ua|us|rpm|hz|nm)\b|\/|\.\d|,\d)/i;

export function findWorkOrder(text: string): WorkOrderRef | null {
  const f = fold(text);
  KEYWORD.lastIndex = 0;
  for (let m = KEYWORD.exec(f); m !== null; m = KEYWORD.exec(f)) {
    const num = m[1]!;
    const kw = m[0].trim().split(/[\s#:\-\d]/)[0] ?? '';
    // "os"/"ot" are also ordinary words in Portuguese/Spanish; only accept them before a number directly
    if ((kw === 'os' || kw === 'ot') && !/^(os|ot)\s*\d/.test(m[0].trim())) continue;
    const start = m.index + m[0].lastIndexOf(num);
    return { number: parseInt(num, 10), start, end: start + num.length, refStart: m.index };
  }
  HASH.lastIndex = 0;
  for (let m = HASH.exec(f); m !== null; m = HASH.exec(f)) {
    const before = f.slice(0, m.index + m[1]!.length).trimEnd();
    const prevWord = /([a-z]+)$/.exec(before)?.[1];
    // "Forklift #3" is an asset; "on #1790" and "#2061 used ..." are work orders
    if (prevWord !== undefined && !WO_AFTER.has(prevWord) && prevWord.length > 2 && !/[,;:]$/.test(before)) continue;
    const num = m[2]!;
    const start = m.index + m[0].lastIndexOf(num);
    return { number: parseInt(num, 10), start, end: start + num.length, refStart: start - 1 };
  }
  // bare numbers
  const re = /\d+/g;
  for (let m = re.exec(f); m !== null; m = re.exec(f)) {
    const num = m[0];
    const start = m.index;
    const end = start + num.length;
    const before = f.slice(0, start);
    const after = f.slice(end);
    if (/[a-z0-9$€£.,\-/#]$/.test(before)) continue; // part of a tag, price, decimal or range
    if (/^[a-z0-9\-/]/.test(after) || UNIT_AFTER.test(after)) continue; // "95c", "2pm", "3 bar", "4000h"
    const prevWord = /([a-z']+)\W*$/.exec(before)?.[1]?.replace(/'/g, '');
    const atStart = /^\s*(?:(?:ok|so|re|hey|update|pls|please|and)\s+)?$/.test(before);
    if (atStart && num.length >= 3 && num.length <= 6) {
      if (/^\s+(?:t|ton|tons|kva|kw|hp|bar|psi|mm|c|f)\b/.test(after)) continue;
      return { number: parseInt(num, 10), start, end, refStart: start };
    }
    if (num.length < 4 || num.length > 6) continue;
    const afterPunct = /[,(]\s*$/.test(before);
    if (!afterPunct && prevWord !== undefined && NOT_AFTER.has(prevWord)) continue;
    if (!afterPunct && prevWord !== undefined && !WO_AFTER.has(prevWord)) continue;
    // "spare 6309 bearing": a number followed by a noun is a part or model number
    if (/^\s+[a-z]{3,}/.test(after) && !/^\s+(?:is|was|done|complete|completed|finished|fixed|closed|status|going|on|in|now|today|pls|please|yet|still|and|vibration|the)\b/.test(after)) {
      continue;
    }
    return { number: parseInt(num, 10), start, end, refStart: start };
  }
  return null;
}

/** Words after which a number is a place, a part or a quantity, never a work order. */
const PLACE_OR_PART = new Set(
  'po line lane door doors room rm aisle bay dock station zone cell level floor mezz lot code gate gates store stores building bldg unit units truck bus row rack cab cage suite ward bed kiosk pump press tower ext x of setpoint at about around approx by puerta porta tor tur sala raum halle linea linha linie andar piso'.split(' '),
);

/**
 * A bare number in a message already known to be about an existing work order (a status
 * question, update or comment: "is 66 done", "parking 2051 till the board comes in", "la 219
 * queda en espera"): the first 2–4 digit number that is not part of a tag, a reading with its
 * unit, a price, or a place ("door 7", "room 214").
 */
export function findBareWorkOrder(text: string): WorkOrderRef | null {
  const f = fold(text);
  const re = /\d+/g;
  for (let m = re.exec(f); m !== null; m = re.exec(f)) {
    const num = m[0];
    const start = m.index;
    const end = start + num.length;
    if (num.length < 2 || num.length > 4) continue;
    const before = f.slice(0, start);
    const after = f.slice(end);
    if (/[a-z0-9$€£.,\-/#:]$/.test(before)) continue;
    if (/^[a-z0-9\-/]/.test(after) || UNIT_AFTER.test(after) || /^\s*(?:x|am|pm|min|mins|hrs?|days?|wks?|weeks?)\b/.test(after)) continue;
    const prevWord = /([a-z]+)\W*$/.exec(before)?.[1];
    if (prevWord !== undefined && PLACE_OR_PART.has(prevWord)) continue;
    return { number: parseInt(num, 10), start, end, refStart: start };
  }
  return null;
}
