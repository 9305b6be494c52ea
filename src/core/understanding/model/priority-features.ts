/**
 * The priority head's features: what the message says will happen (consequence.ts: someone at
 * risk, a release, a spreading leak, people waiting, a service lost, product warming, a
 * deadline, or only a noise / a backup carrying it), the multilingual cue classes of the
 * language packs, the priority rules' verdict, and "!" / SHOUTING. No words or letter n-grams:
 * scored leave-one-site-out they only learned the training sites' nouns, while consequences
 * carry over to sites, trades and languages the model never saw.
 */
import type { Analysis } from '../analyse.js';
import { fold } from '../../assets/text.js';
import { consequencesOf } from '../consequence.js';
import { cueClasses } from '../lang/index.js';
import { detectPriority } from '../priority.js';
import { DIM } from './features.js';

/** Every signal counts this many times (as the shared features' cue rules do). */
const REPEAT = 3;
const MASK = DIM - 1;

/** Bucket of a named signal (FNV-1a, remembered). */
const buckets = new Map<string, number>();
function bucket(name: string): number {
  let b = buckets.get(name);
  if (b === undefined) {
    let h = 0x811c9dc5;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    b = (h >>> 0) & MASK;
    buckets.set(name, b);
  }
  return b;
}

const WORD = /[a-z0-9]+/g;

export function priorityFeaturesOf(a: Analysis): number[] {
  const f: number[] = [bucket('p:bias')];
  const push = (name: string) => {
    const b = bucket(name);
    for (let r = 0; r < REPEAT; r++) f.push(b);
  };
  const mention = a.located ? fold(a.located.mention) : '';
  const signals = consequencesOf(a.priorityText, mention);
  const rule = detectPriority(a.priorityText, mention, signals);
  push(`p:rule:${rule.priority}`);
  push(`p:cue:${rule.cue}`);
  for (const c of signals) push(`p:csq:${c}`);
  for (const c of cueClasses(a.textWithoutWo.match(WORD) ?? [])) push(`p:lex:${c}`);
  if (a.raw.includes('!')) f.push(bucket('p:bang'));
  if (/[A-Z]{4,}/.test(a.raw) && a.raw !== a.raw.toUpperCase()) f.push(bucket('p:shout'));
  return f;
}
