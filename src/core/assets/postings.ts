/**
 * Builds the inverted index: features interned to ids once, documents added one at a time
 * (each feature kept at its best weight in the document), postings laid out in one block
 * (CSR: feature f owns docs[off[f] .. off[f+1]) in document order) so a 50,000-asset registry
 * is a handful of typed arrays rather than hundreds of thousands of small ones.
 */
export interface Postings {
  featureIds: Map<string, number>;
  postOff: Int32Array;
  postDocs: Int32Array;
  postW: Float32Array;
  /** Words of "w:" features, for the typo vocabulary. */
  words: string[];
}

/** A set of (feature id, weight) pairs computed once and added to many documents. */
export interface FeatureList {
  ids: number[];
  ws: number[];
}

export class PostingsBuilder {
  private readonly featureIds = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly stamp: number[] = [];
  private readonly best: number[] = [];
  private readonly docFids: number[] = [];
  private readonly docEnd: Int32Array;
  private pairF = new Int32Array(1 << 16);
  private pairW = new Float32Array(1 << 16);
  private nPairs = 0;
  private cur = -1;

  constructor(private readonly n: number) {
    this.docEnd = new Int32Array(n);
  }

  intern(key: string): number {
    let id = this.featureIds.get(key);
    if (id === undefined) {
      id = this.stamp.length;
      this.featureIds.set(key, id);
      this.stamp.push(-1);
      this.best.push(0);
      if (key.startsWith('w:')) this.words.push(key.slice(2));
    }
    return id;
  }

  /** Interns a keyed feature map (best weight per key) into a reusable list. */
  list(emit: (sink: (key: string, w: number) => void) => void): FeatureList {
    const m = new Map<string, number>();
    emit((k, w) => {
      const cur = m.get(k);
      if (cur === undefined || w > cur) m.set(k, w);
    });
    const out: FeatureList = { ids: [], ws: [] };
    for (const [k, w] of m) {
      out.ids.push(this.intern(k));
      out.ws.push(w);
    }
    return out;
  }

  beginDoc(i: number): void {
    this.cur = i;
    this.docFids.length = 0;
  }

  put(fid: number, w: number): void {
    if (this.stamp[fid] !== this.cur) {
      this.stamp[fid] = this.cur;
      this.best[fid] = w;
      this.docFids.push(fid);
    } else if (w > this.best[fid]!) this.best[fid] = w;
  }

  putKey(key: string, w: number): void {
    this.put(this.intern(key), w);
  }

  putAll(f: FeatureList): void {
    for (let k = 0; k < f.ids.length; k++) this.put(f.ids[k]!, f.ws[k]!);
  }

  /** Sets a feature already in the current document to a lower weight (e.g. a referenced code). */
  lower(key: string, from: number, to: number): void {
    const fid = this.featureIds.get(key);
    if (fid !== undefined && this.stamp[fid] === this.cur && this.best[fid] === from) this.best[fid] = to;
  }

  endDoc(): void {
    const need = this.nPairs + this.docFids.length;
    if (need > this.pairF.length) {
      const grow = Math.max(this.pairF.length * 2, need);
      const nf = new Int32Array(grow);
      nf.set(this.pairF.subarray(0, this.nPairs));
      this.pairF = nf;
      const nw = new Float32Array(grow);
      nw.set(this.pairW.subarray(0, this.nPairs));
      this.pairW = nw;
    }
    for (const fid of this.docFids) {
      this.pairF[this.nPairs] = fid;
      this.pairW[this.nPairs] = this.best[fid]!;
      this.nPairs++;
    }
    this.docEnd[this.cur] = this.nPairs;
  }

  finish(): Postings {
    const nFeatures = this.stamp.length;
    const { pairF, pairW, nPairs, docEnd } = this;
    const postOff = new Int32Array(nFeatures + 1);
    for (let k = 0; k < nPairs; k++) postOff[pairF[k]! + 1]!++;
    for (let f = 0; f < nFeatures; f++) postOff[f + 1]! += postOff[f]!;
    const fill = postOff.slice(0, nFeatures);
    const postDocs = new Int32Array(nPairs);
    const postW = new Float32Array(nPairs);
    let doc = 0;
    for (let k = 0; k < nPairs; k++) {
      while (doc < this.n - 1 && k >= docEnd[doc]!) doc++;
      const at = fill[pairF[k]!]!++;
      postDocs[at] = doc;
      postW[at] = pairW[k]!;
    }
    return { featureIds: this.featureIds, postOff, postDocs, postW, words: this.words };
  }
}
