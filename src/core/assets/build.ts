/**
 * Builds the in-memory asset index: per-asset features with field weights, an inverted
 * index with IDF weights, a vocabulary for typo/abbreviation lookup, and the parent links
 * that let "Light Curtain - PR-102" inherit the words of "Press PR-102 (600 t)".
 */
import type { AssetRecord } from '../model.js';
import { canonWord, STOP } from './lexicon.js';
import { kindOf } from './kind.js';
import { analyze, type Term } from './terms.js';
import { bigrams, docFeatures } from './features.js';
import { compactTag, fold } from './text.js';
import { Vocabulary } from './typo.js';
import { PostingsBuilder, type FeatureList } from './postings.js';
import { initialsOf } from './initials.js';

export const FIELD = {
  nameOwn: 1.0,
  nameQualifier: 0.75,
  /** Identifiers in the qualifier ("- WC-3", "(Line 2 infeed)") place the asset almost as surely as its own code. */
  qualifierId: 0.9,
  nameRefTag: 0.6,
  model: 0.6,
  description: 0.4,
  descriptionPhrase: 1.0,
  category: 0.4,
  area: 0.5,
  location: 0.7,
  ids: 1.0,
  inherited: 0.35,
  inheritedId: 0.6,
} as const;

export interface IndexData {
  assets: readonly AssetRecord[];
  n: number;
  featureIds: Map<string, number>;
  /** Postings in one block: feature f owns postDocs/postW[postOff[f] .. postOff[f+1]), doc order. */
  postOff: Int32Array;
  postDocs: Int32Array;
  postW: Float32Array;
  idf: Float64Array;
  maxIdf: number;
  vocab: Vocabulary;
  /** Canonical head noun of each asset's name ("pump" for "Centrifugal Pump P-301"), or "". */
  heads: string[];
  /** Words used in asset names, with the number of names using each. */
  nameWords: Map<string, number>;
  /** Words used in the own part of names (not in qualifiers such as "(Ballroom)" or "- Line 2"). */
  ownWords: Set<string>;
  /** Words of location names ("hall", "ballroom", "roof"). */
  locWords: Set<string>;
  /** Words that may tell equal names apart: name qualifiers, location and model (not descriptions). */
  contextOf(i: number): Set<string>;
  /** Letter prefixes of asset codes ("rto", "vrc", "ahu"): such a word alone names equipment. */
  prefixes: Set<string>;
  /** Head nouns of asset names ("pump", "chiller", "sorter"). */
  headSet: Set<string>;
  /** Folded words of each asset's site (first segment of the location name). */
  sites: string[][];
  siteWords: Set<string>;
  locIds: Int32Array;
  idToIdx: Map<number, number>;
}

/** Index where the asset's own name ends and its qualifiers ("- Line 2", "(Offices)") begin. */
function ownEnd(name: string): number {
  const dash = name.indexOf(' - ');
  const paren = name.indexOf('(');
  let end = name.length;
  if (dash >= 0) end = Math.min(end, dash);
  if (paren >= 0) end = Math.min(end, paren);
  return end;
}

function headOf(terms: readonly Term[], end: number): string {
  let head = '';
  for (const t of terms) {
    if (t.start >= end) break;
    if (t.kind === 'word' && !STOP.has(t.raw)) head = t.w;
  }
  if (head === '') {
    const tag = terms.find((t) => t.kind === 'tag' && t.start < end);
    if (tag?.prefix) head = canonWord(tag.prefix);
  }
  return head;
}

export function buildIndexData(assets: readonly AssetRecord[]): IndexData {
  const n = assets.length;
  const nameTerms: Term[][] = [];
  const ends: number[] = [];
  const sites: string[][] = [];
  const siteWords = new Set<string>();
  const vocabCount = new Map<string, Map<string, number>>();
  const ownTags = new Map<string, number[]>();
  const siteCache = new Map<string, string[]>();

  for (let i = 0; i < n; i++) {
    const a = assets[i]!;
    const name = a.name ?? '';
    const terms = analyze(name);
    const end = ownEnd(name);
    nameTerms.push(terms);
    ends.push(end);
    const locName = a.location?.name ?? '';
    let sw = siteCache.get(locName);
    if (sw === undefined) {
      const site = locName.split(' - ')[0] ?? '';
      sw = analyze(site)
        .filter((t) => t.kind === 'word' && !STOP.has(t.raw))
        .map((t) => t.w);
      siteCache.set(locName, sw);
    }
    sites.push(sw);
    for (const w of sw) siteWords.add(w);
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k]!;
      if (t.kind !== 'tag' || t.start >= end || !t.prefix) continue;
      const list = ownTags.get(t.w);
      if (list) list.push(i);
      else ownTags.set(t.w, [i]);
      const prev = terms[k - 1];
      if (prev && prev.kind === 'word' && !STOP.has(prev.raw) && !t.boundary) {
        let m = vocabCount.get(t.prefix);
        if (!m) vocabCount.set(t.prefix, (m = new Map()));
        m.set(prev.w, (m.get(prev.w) ?? 0) + 1);
      }
    }
  }
  const vocab = new Map<string, string[]>();
  for (const [p, m] of vocabCount) {
    const words = [...m.entries()].sort((x, y) => y[1] - x[1]).slice(0, 2).map(([w]) => w);
    vocab.set(p, words);
  }

  // parents: a code in the qualifier part of a name that is another asset's own code at the same site
  const inheritedFrom: number[] = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const end = ends[i]!;
    for (const t of nameTerms[i]!) {
      if (t.kind !== 'tag' || t.start < end) continue;
      const owners = (ownTags.get(t.w) ?? []).filter((j) => j !== i && sameSite(sites[i]!, sites[j]!));
      if (owners.length === 1) {
        inheritedFrom[i] = owners[0]!;
        break;
      }
    }
  }

  const pb = new PostingsBuilder(n);
  // features of repeated field values (locations, categories, models) are computed once
  // one cache per field weight, keyed by the field's own string (its hash is cached by the engine)
  const fieldCaches = new Map<number, Map<string, FeatureList>>();
  const fieldFeatures = (text: string, w: number): FeatureList => {
    let cache = fieldCaches.get(w);
    if (cache === undefined) fieldCaches.set(w, (cache = new Map()));
    let f = cache.get(text);
    if (f === undefined) {
      const terms = analyze(text);
      f = pb.list((sink) => docFeatures(terms, () => w, sink, vocab));
      cache.set(text, f);
    }
    return f;
  };
  const phraseCache = new Map<string, string[]>();
  const descPhrases = (text: string): string[] => {
    let p = phraseCache.get(text);
    if (p === undefined) phraseCache.set(text, (p = bigrams(analyze(text))));
    return p;
  };
  const parentCache = new Map<number, FeatureList>();
  const parentFeatures = (p: number): FeatureList => {
    let f = parentCache.get(p);
    if (f === undefined) {
      const end = ends[p]!;
      f = pb.list((sink) =>
        docFeatures(nameTerms[p]!, (t) => (t.start < end ? 1 : 0.8), (k, w) => {
          if (k.startsWith('t:')) return;
          // identifiers of the parent ("Line 3", "600 t") say more about the child than its words do
          sink(k, w * (k.startsWith('w:') ? FIELD.inherited : FIELD.inheritedId));
        }),
      );
      parentCache.set(p, f);
    }
    return f;
  };
  const putKey = (k: string, w: number) => pb.putKey(k, w);
  const initialsCache = new Map<string, string[]>();
  const initialsFor = (loc: string): string[] => {
    let v = initialsCache.get(loc);
    if (v === undefined) initialsCache.set(loc, (v = initialsOf(loc)));
    return v;
  };
  for (let i = 0; i < n; i++) {
    const a = assets[i]!;
    pb.beginDoc(i);
    const end = ends[i]!;
    const terms = nameTerms[i]!;
    docFeatures(terms, (t) => (t.start < end ? FIELD.nameOwn : t.kind === 'word' ? FIELD.nameQualifier : FIELD.qualifierId), putKey, vocab);
    // "BLR-1" in the category Boilers is a boiler, "CH-1" in Chillers a chiller: the code abbreviates the kind
    const kind = kindOf(terms, end, a.category?.name);
    if (kind !== undefined) {
      pb.putKey('w:' + kind.word, FIELD.nameOwn);
      if (kind.num !== undefined) pb.putKey('n:' + kind.word + '#' + kind.num, FIELD.nameOwn);
    }
    // a code in the qualifier refers to another asset ("Motor - CV-12"): weaker than the asset's own code
    for (const t of terms) if (t.start >= end && t.kind === 'tag') pb.lower('t:' + t.w, FIELD.qualifierId, FIELD.nameRefTag);
    if (a.model) pb.putAll(fieldFeatures(a.model, FIELD.model));
    if (a.description) {
      pb.putAll(fieldFeatures(a.description, FIELD.description));
      // a description that says "boiler feed pump" names the asset as much as its name would; phrases the
      // name already has add nothing (their words match at full weight already)
      const phrases = descPhrases(a.description);
      if (phrases.length) {
        const inName = bigrams(terms);
        for (const b of phrases) if (!inName.includes(b)) pb.putKey(b, FIELD.descriptionPhrase);
      }
    }
    if (a.category?.name) pb.putAll(fieldFeatures(a.category.name, FIELD.category));
    if (a.area) pb.putAll(fieldFeatures(a.area, FIELD.area));
    if (a.location?.name) {
      pb.putAll(fieldFeatures(a.location.name, FIELD.location));
      for (const w of initialsFor(a.location.name)) pb.putKey('w:' + w, FIELD.location);
    }
    for (const id of [a.customId, a.barCode, a.serialNumber]) {
      if (!id) continue;
      for (const piece of id.split(/\s+/)) {
        if (/[a-z]/i.test(piece) && /\d/.test(piece)) pb.putKey('t:' + compactTag(piece), FIELD.ids);
      }
    }
    const p = inheritedFrom[i]!;
    if (p >= 0) pb.putAll(parentFeatures(p));
    pb.endDoc();
  }
  const { featureIds, postOff, postDocs, postW, words } = pb.finish();
  const nFeatures = featureIds.size;
  const idf = new Float64Array(nFeatures);
  for (let f = 0; f < nFeatures; f++) idf[f] = Math.log(1 + n / Math.max(1, postOff[f + 1]! - postOff[f]!));
  const heads = nameTerms.map((t, i) => kindOf(t, ends[i]!, assets[i]!.category?.name)?.word ?? headOf(t, ends[i]!));
  const nameWords = new Map<string, number>();
  const ownWords = new Set<string>();
  nameTerms.forEach((terms, i) => {
    for (const t of terms) if (t.start < ends[i]! && t.kind === 'word' && !STOP.has(t.raw)) ownWords.add(t.w);
  });
  for (const terms of nameTerms) {
    const seen = new Set<string>();
    for (const t of terms) {
      if (t.kind === 'word' && !STOP.has(t.raw) && t.w.length >= 2) seen.add(t.w);
      if (t.kind === 'tag' && t.prefix && t.prefix.length >= 2) seen.add(t.prefix);
    }
    for (const w of seen) nameWords.set(w, (nameWords.get(w) ?? 0) + 1);
  }
  const locWords = new Set<string>();
  for (const locName of siteCache.keys()) {
    for (const t of analyze(locName)) if (t.kind === 'word') locWords.add(t.w);
    for (const w of initialsFor(locName)) locWords.add(w);
  }
  const headSet = new Set(heads.filter((h) => h.length >= 3 && !STOP.has(h)));
  const prefixes = new Set<string>();
  for (const terms of nameTerms) for (const t of terms) if (t.kind === 'tag' && t.prefix && t.prefix.length >= 2) prefixes.add(t.prefix);
  const locIds = Int32Array.from(assets.map((a) => a.location?.id ?? -1));
  const idToIdx = new Map<number, number>();
  assets.forEach((a, i) => idToIdx.set(a.id, i));

  const ctxCache = new Map<number, Set<string>>();
  const contextOf = (i: number): Set<string> => {
    let set = ctxCache.get(i);
    if (set === undefined) {
      const a = assets[i]!;
      const end = ends[i]!;
      set = new Set<string>();
      const add = (terms: readonly Term[], from: number) => {
        for (let k = 0; k < terms.length; k++) {
          const t = terms[k]!;
          if (t.start < from) continue;
          if (t.kind === 'word') set!.add(t.w);
          const prev = terms[k - 1];
          if ((t.kind === 'num' || t.kind === 'letter') && prev?.kind === 'word' && !t.boundary) set!.add(prev.w + '#' + t.w);
        }
      };
      add(nameTerms[i]!, end);
      for (const text of [a.location?.name, a.model]) if (text) add(analyze(text), 0);
      if (a.location?.name) for (const w of initialsFor(a.location.name)) set.add(w);
      if (ctxCache.size > 10_000) ctxCache.clear();
      ctxCache.set(i, set);
    }
    return set;
  };

  return {
    contextOf,
    assets,
    n,
    featureIds,
    postOff,
    postDocs,
    postW,
    idf,
    maxIdf: Math.log(1 + n),
    vocab: new Vocabulary(words),
    heads,
    nameWords,
    ownWords,
    locWords,
    prefixes,
    headSet,
    sites,
    siteWords,
    locIds,
    idToIdx,
  };
}

function sameSite(a: string[], b: string[]): boolean {
  if (a === b || a.length === 0 || b.length === 0) return true;
  return a.join(' ') === b.join(' ');
}

export { fold };
