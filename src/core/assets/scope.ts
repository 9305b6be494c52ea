/**
 * Scope: the words of a message that place the equipment ("at Riverside", "in B", "store 107", "do estéril")
 * narrow a question between equal candidates to those that are there, and put them first. A word counts for a
 * candidate when its location, model or name qualifier has it (never its description: a symptom is no place).
 */
import type { IndexData } from './build.js';
import { CONNECTORS, EQUIPMENT, STOP } from './lexicon.js';
import type { Term } from './terms.js';
import { ownOf } from './cover.js';
import { fold } from './text.js';
import { TUNING } from './resolve.js';
import type { LocatedMention } from './mention.js';

/** A word of the message and the identifiers bound to it ("store#107"), or a bare identifier ("#b"). */
interface Cue {
  key: string;
  weight: number;
  /** A bare identifier: matches any "<word>#<id>" of the candidate. */
  bare: boolean;
}

function cuesOf(d: IndexData, terms: readonly Term[], span: readonly [number, number], skip: ReadonlyArray<readonly [number, number]>, named: ReadonlySet<string>): Cue[] {
  const out: Cue[] = [];
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    const prev = terms[i - 1];
    if (skip.length > 0 && skip.some(([s, e]) => t.start < e && t.end > s)) continue; // (no closure per term when nothing is skipped)
    if (t.kind === 'word') {
      // equipment words name the thing, not where it is
      if (STOP.has(t.raw) || t.w.length < 2 || named.has(t.w) || EQUIPMENT.has(t.w) || d.headSet.has(t.w)) continue;
      const f = d.featureIds.get('w:' + t.w);
      if (f === undefined) continue;
      out.push({ key: t.w, weight: d.idf[f]!, bare: false });
    } else if (t.kind === 'num' || t.kind === 'letter') {
      const bound = prev !== undefined && !t.boundary && prev.kind === 'word' && !STOP.has(prev.raw);
      if (bound) out.push({ key: prev.w + '#' + t.w, weight: 2, bare: false });
      // "in B", "do B", "at 107": a building, store or room named by its identifier alone
      else if (t.kind === 'num' || (prev !== undefined && t.start >= span[1] && (prev.kind === 'num' || (prev.kind === 'word' && CONNECTORS.has(prev.raw))))) {
        out.push({ key: '#' + t.w, weight: 1.5, bare: true });
      }
    }
  }
  return out;
}

function scoreOf(d: IndexData, idx: number, cues: readonly Cue[]): number {
  const ctx = d.contextOf(idx);
  let s = 0;
  for (const c of cues) {
    if (!c.bare) {
      if (ctx.has(c.key)) s += c.weight;
      continue;
    }
    for (const k of ctx) {
      if (k.endsWith(c.key) && k.length > c.key.length) {
        s += c.weight;
        break;
      }
    }
  }
  return s;
}

/** A question offers at most a few buttons: the best placed make the cut. */
function cap(x: LocatedMention): LocatedMention {
  return { ...x, resolution: { ...x.resolution, candidates: x.resolution.candidates.slice(0, TUNING.maxChoices) } };
}

/** Narrows an ambiguous reading to the candidates the message places, best placed first. */
export function byScope(d: IndexData, terms: readonly Term[], m: LocatedMention, skip: ReadonlyArray<readonly [number, number]> = []): LocatedMention {
  const r = m.resolution;
  if (r.decision !== 'ambiguous' || r.candidates.length < 2) return m;
  const named = new Set<string>();
  for (const c of r.candidates) for (const t of ownOf(d, d.idToIdx.get(c.asset.id) ?? -1)) if (t.kind === 'word') named.add(t.w);
  const cues = cuesOf(d, terms, [m.start, m.end], skip, named);
  if (cues.length === 0) return cap(m);
  const scored = r.candidates.map((c, i) => ({ c, i, s: scoreOf(d, d.idToIdx.get(c.asset.id) ?? -1, cues) }));
  const best = Math.max(...scored.map((x) => x.s));
  if (best <= 0) return cap(m);
  const kept = scored.filter((x) => x.s >= best - 1e-9);
  if (kept.length === scored.length) return cap(m);
  scored.sort((a, b) => b.s - a.s || a.i - b.i);
  // the same equipment in several places ("Gate Barrier GB-1" in every yard): the place named settles it;
  // different equipment is only put in order, the technician still picks
  const name = fold(r.candidates[0]!.asset.name ?? '');
  const sameName = r.candidates.every((c) => fold(c.asset.name ?? '') === name);
  if (kept.length === 1 && sameName) return { ...m, resolution: { decision: 'resolved', candidates: [kept[0]!.c] } };
  return { ...m, resolution: { decision: 'ambiguous', candidates: scored.map((x) => x.c).slice(0, TUNING.maxChoices) } };
}
