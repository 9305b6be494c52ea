/**
 * Builds the in-memory asset index: per-asset features with field weights, an inverted
 * index with IDF weights, a vocabulary for typo/abbreviation lookup, and the parent links
 * that let "Light Curtain - PR-102" inherit the words of "Press PR-102 (600 t)".
 */
import type { AssetRecord } from '../model.js';
import { canonWord, STOP } from './lexicon.js';
import { analyze, type Term } from './terms.js';
import { docFeatures } from './features.js';
import { fold } from './text.js';
import { Vocabulary } from './typo.js';

export const FIELD = {
  nameOwn: 1.0,
  nameQualifier: 0.75,
  nameRefTag: 0.6,
  model: 0.6,
  description: 0.4,
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
  postDocs: Int32Array[];
  postW: Float32Array[];
  idf: Float64Array;
  maxIdf: number;
  vocab: Vocabulary;
  /** Canonical head noun of each asset's name ("pump" for "Centrifugal Pump P-301"), or "". */
  heads: string[];
  /** Words used in asset names, with the number of names using each. */
  nameWords: Map<string, number>;
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

  for (let i = 0; i < n; i++) {
    const a = assets[i]!;
    const name = a.name ?? '';
    const terms = analyze(name);
    const end = ownEnd(name);
    nameTerms.push(terms);
    ends.push(end);
    const locName = a.location?.name ?? '';
    const site = locName.split(' - ')[0] ?? '';
    const sw = analyze(site)
      .filter((t) => t.kind === 'word' && !STOP.has(t.raw))
      .map((t) => t.w);
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

  const featMaps: Map<string, number>[] = [];
  for (let i = 0; i < n; i++) {
    const a = assets[i]!;
    const fm = new Map<string, number>();
    const sink = (k: string, w: number) => {
      const cur = fm.get(k);
      if (cur === undefined || w > cur) fm.set(k, w);
    };
    const end = ends[i]!;
    docFeatures(
      nameTerms[i]!,
      (t) => (t.start < end ? FIELD.nameOwn : FIELD.nameQualifier),
      sink,
      vocab,
    );
    // a code in the qualifier refers to another asset ("Motor - CV-12"): weaker than the asset's own code
    for (const t of nameTerms[i]!) {
      if (t.kind === 'tag' && t.start >= end && fm.get('t:' + t.w) === FIELD.nameQualifier) fm.set('t:' + t.w, FIELD.nameRefTag);
    }
    const field = (text: string | null | undefined, w: number) => {
      if (text) docFeatures(analyze(text), () => w, sink, vocab);
    };
    // context words: qualifiers, location and model (not descriptions) can tell equal names apart
    const ctxWord = (terms: readonly Term[]) => {
      for (const t of terms) if (t.kind === 'word' && !STOP.has(t.raw) && t.w.length >= 3) sink('c:' + t.w, 1);
    };
    ctxWord(nameTerms[i]!.filter((t) => t.start >= end));
    if (a.location?.name) ctxWord(analyze(a.location.name));
    if (a.model) ctxWord(analyze(a.model));
    field(a.model, FIELD.model);
    field(a.description, FIELD.description);
    field(a.category?.name, FIELD.category);
    field(a.area, FIELD.area);
    field(a.location?.name, FIELD.location);
    for (const id of [a.customId, a.barCode, a.serialNumber]) {
      if (!id) continue;
      for (const t of analyze(id)) if (t.kind === 'tag') sink('t:' + t.w, FIELD.ids);
    }
    featMaps.push(fm);
  }

  // parents: a tag in the qualifier part of a name that is another asset's own tag at the same site
  const inheritedFrom: number[] = new Array(n).fill(-1);
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
  const nameOnly: Map<string, number>[] = featMaps.map(() => new Map());
  for (let i = 0; i < n; i++) {
    const end = ends[i]!;
    docFeatures(nameTerms[i]!, (t) => (t.start < end ? 1 : 0.8), (k, w) => {
      if (k.startsWith('t:')) return;
      const cur = nameOnly[i]!.get(k);
      if (cur === undefined || w > cur) nameOnly[i]!.set(k, w);
    });
  }
  for (let i = 0; i < n; i++) {
    const p = inheritedFrom[i]!;
    if (p < 0) continue;
    const fm = featMaps[i]!;
    for (const [k, w] of nameOnly[p]!) {
      // identifiers of the parent ("Line 3", "600 t") say more about the child than its words do
      const iw = w * (k.startsWith('w:') ? FIELD.inherited : FIELD.inheritedId);
      const cur = fm.get(k);
      if (cur === undefined || iw > cur) fm.set(k, iw);
    }
  }

  // inverted index
  const featureIds = new Map<string, number>();
  const docsTmp: number[][] = [];
  const wTmp: number[][] = [];
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    for (const [k, w] of featMaps[i]!) {
      let id = featureIds.get(k);
      if (id === undefined) {
        id = docsTmp.length;
        featureIds.set(k, id);
        docsTmp.push([]);
        wTmp.push([]);
        if (k.startsWith('w:')) words.push(k.slice(2));
      }
      docsTmp[id]!.push(i);
      wTmp[id]!.push(w);
    }
  }
  const idf = new Float64Array(docsTmp.length);
  for (let f = 0; f < docsTmp.length; f++) idf[f] = Math.log(1 + n / docsTmp[f]!.length);
  const postDocs = docsTmp.map((d) => Int32Array.from(d));
  const postW = wTmp.map((w) => Float32Array.from(w));
  const heads = nameTerms.map((t, i) => headOf(t, ends[i]!));
  const nameWords = new Map<string, number>();
  for (const terms of nameTerms) {
    const seen = new Set<string>();
    for (const t of terms) {
      if (t.kind === 'word' && !STOP.has(t.raw) && t.w.length >= 2) seen.add(t.w);
      if (t.kind === 'tag' && t.prefix && t.prefix.length >= 2) seen.add(t.prefix);
    }
    for (const w of seen) nameWords.set(w, (nameWords.get(w) ?? 0) + 1);
  }
  const headSet = new Set(heads.filter((h) => h.length >= 3 && !STOP.has(h)));
  const prefixes = new Set<string>();
  for (const terms of nameTerms) for (const t of terms) if (t.kind === 'tag' && t.prefix && t.prefix.length >= 2) prefixes.add(t.prefix);
  const locIds = Int32Array.from(assets.map((a) => a.location?.id ?? -1));
  const idToIdx = new Map<number, number>();
  assets.forEach((a, i) => idToIdx.set(a.id, i));

  return {
    assets,
    n,
    featureIds,
    postDocs,
    postW,
    idf,
    maxIdf: Math.log(1 + n),
    vocab: new Vocabulary(words),
    heads,
    nameWords,
    prefixes,
    headSet,
    sites,
    siteWords,
    locIds,
    idToIdx,
  };
}

function sameSite(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.join(' ') === b.join(' ');
}

export { fold };
