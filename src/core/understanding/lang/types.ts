/**
 * One language's knowledge for understanding, behind one typed interface: the words that mark
 * the language (detection), cue words by what they signal (the model's multilingual inputs:
 * "dringend", "urgente" and "asap" all fire the same `urgent` cue), and equipment nouns mapped
 * to the English word asset names use. All entries are folded (lower case, no accents, ß → ss,
 * no apostrophes). A phrase is 1–3 words; a trailing `*` matches any word starting so.
 */
export type Language = 'en' | 'es' | 'pt' | 'de';

export const CUE_CLASSES = [
  // priority
  'urgent', // asap, right now, urgent
  'danger', // unsafe, dangerous, injury, trapped
  'impact', // production stopped, customers waiting, backing up, product at risk
  'leak', // leaking, dripping, water on the floor
  'fire', // smoke, burning, sparks, gas smell
  'notUrgent', // no rush, whenever, when you can
  'contained', // nobody inside, fine for now, workaround running
  'cosmetic', // scuffed, paint, cosmetic
  'lifeSafety', // equipment whose failure is a safety matter: fire alarm, sprinkler, eyewash, generator
  'temperature', // degrees, warm, freezing: a reading out of range
  // what the message does
  'fault', // broken, not working, stopped, error
  'request', // please fix, needs, can someone
  'question', // question words
  'statusAsk', // any news, how is it going, eta
  'done', // done, fixed, finished
  'started', // on my way, starting, grabbed it
  'onHold', // waiting for parts, on hold, parked until
  'comment', // note, add, fyi, reading, part used
  'list', // my jobs, open work orders, what's on my plate
  'help', // what can you do, how does this work
  'cancel', // cancel, never mind, scrap that
  'greeting', // hi, good morning
  'thanks', // thanks, ok, got it
  'askPerson', // who, where, can I, should I, permit, approval
] as const;
export type CueClass = (typeof CUE_CLASSES)[number];

/**
 * What a fault report says will happen if nobody comes (consequence, not equipment): the
 * priority head's multilingual inputs (consequence.ts). Same phrase format as the cues.
 */
export const CONSEQUENCES = [
  'trapped', // someone stuck inside, locked in
  'injury', // someone could get hurt: dangerous, slippery, no brakes, could fall
  'cleared', // people kept out, area closed off, work abandoned because of it
  'release', // gas or fumes getting out, venting, a gas detector going off
  'hazmat', // a hazardous substance named (ammonia, chlorine, steam, fuel): a release when it leaks or smells
  'burning', // smoke, sparks, burning, melted, swollen, hot to the touch
  'odor', // a smell, nothing said of what
  'fluidLoss', // leaking, dripping, losing oil or water, overflowing
  'spreading', // onto the floor, all over, puddle, soaked, still rising, getting worse
  'waiting', // people or vehicles waiting, queues, piling up
  'blocked', // nobody can use it, cannot get in, cannot ship or release
  'serviceLost', // everything or a whole area out, dark, on backup power, lost its feed
  'deadline', // an event soon: tonight, the rush, in twenty minutes
  'productRisk', // stock, food, samples or a batch at risk or being lost
  'coldStore', // where product is kept cold: freezer, cold room, fridge, display case
  'warming', // warming, climbing, not holding temperature, thawing
  'compliance', // regulations, permits, sterile or graded areas, failed tests, deviations
  'redundant', // the backup or the other unit is carrying it, still running
  'workaround', // done by hand, a bucket under it, a sign on it
  'symptom', // noise, vibration, slow, chirping: a symptom, nothing lost yet
  'amenity', // convenience items: coffee machine, vending, hand dryer, shredder
] as const;
export type Consequence = (typeof CONSEQUENCES)[number];

export interface LanguagePack {
  code: Language;
  name: string;
  /** Function words and everyday maintenance words typical of the language (detection). */
  markers: readonly string[];
  /** Words that tell this language from its nearest neighbour (Spanish vs Portuguese). */
  distinctive: readonly string[];
  /** Cue words and phrases by what they signal. */
  cues: Readonly<Partial<Record<CueClass, readonly string[]>>>;
  /** Consequence phrases by kind (what happens if nobody comes). */
  consequences: Readonly<Partial<Record<Consequence, readonly string[]>>>;
  /** Equipment and place nouns → the English word registries use ("bomba" → "pump"). */
  equipment: Readonly<Record<string, string>>;
}
