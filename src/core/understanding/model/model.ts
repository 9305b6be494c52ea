/**
 * The learned model: one linear softmax head per question (intent, priority, status) over the
 * hashed features of features.ts, with a temperature per head fitted on out-of-fold predictions
 * so that the top probability is the chance of being right. Weights are stored as int8 with one
 * scale per head, base64 encoded (weights.ts, written by `npm run train`).
 */
import { DIM } from './features.js';

export interface Head<L extends string = string> {
  labels: readonly L[];
  /** DIM × labels.length, feature-major; int8 once stored (compact: fewer cache misses), times `scale`. */
  w: Float32Array | Int8Array;
  scale: number;
  /** Softmax temperature (calibration); 1 = as trained. */
  temperature: number;
}

export interface Model {
  dim: number;
  intent: Head;
  priority: Head;
  status: Head;
}

export interface PackedHead {
  labels: readonly string[];
  temperature: number;
  scale: number;
  /** base64 of int8 weights, DIM × labels, feature-major. */
  data: string;
}

export interface PackedModel {
  dim: number;
  intent: PackedHead;
  priority: PackedHead;
  status: PackedHead;
}

/** Per-label sums of int8 weights: integers, so exact whatever the order (reused between calls). */
let acc = new Int32Array(16);

/** Raw scores of a head for a feature list. */
export function logits(head: Head, feats: readonly number[]): Float64Array {
  const k = head.labels.length;
  const out = new Float64Array(k);
  const w = head.w;
  if (w instanceof Int8Array) {
    // the stored model: sum in int32 (exactly the float sum of these small integers), scale once
    if (acc.length < k) acc = new Int32Array(k);
    const a = acc;
    a.fill(0, 0, k);
    for (let n = 0; n < feats.length; n++) {
      const o = feats[n]! * k;
      for (let j = 0; j < k; j++) a[j] = (a[j]! + w[o + j]!) | 0;
    }
    for (let j = 0; j < k; j++) out[j] = head.scale !== 1 ? a[j]! * head.scale : a[j]!;
    return out;
  }
  for (let n = 0; n < feats.length; n++) {
    const o = feats[n]! * k;
    for (let j = 0; j < k; j++) out[j] = out[j]! + w[o + j]!;
  }
  if (head.scale !== 1) for (let j = 0; j < k; j++) out[j] = out[j]! * head.scale;
  return out;
}

/** Softmax with a temperature. */
export function softmax(z: ArrayLike<number>, temperature = 1): Float64Array {
  const p = new Float64Array(z.length);
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i]!);
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    p[i] = Math.exp((z[i]! - max) / temperature);
    sum += p[i]!;
  }
  for (let i = 0; i < z.length; i++) p[i]! /= sum;
  return p;
}

/** Calibrated probabilities of every label of a head, in label order. */
export function probabilities(head: Head, feats: readonly number[]): Float64Array {
  return softmax(logits(head, feats), head.temperature);
}

/** The `top` likeliest labels of probabilities `p` (from probabilities()), best first (ties: label order). */
export function ranked<L extends string>(head: Head<L>, p: Float64Array, top = head.labels.length): Array<{ label: L; p: number }> {
  const out: Array<{ label: L; p: number }> = [];
  const n = Math.min(top, p.length);
  const used = new Uint8Array(p.length);
  for (let r = 0; r < n; r++) {
    let best = -1;
    for (let i = 0; i < p.length; i++) if (!used[i] && (best < 0 || p[i]! > p[best]!)) best = i;
    used[best] = 1;
    out.push({ label: head.labels[best]!, p: p[best]! });
  }
  return out;
}

/** The `top` likeliest labels with their calibrated probabilities, best first (ties: label order). */
export function predict<L extends string>(head: Head<L>, feats: readonly number[], top = head.labels.length): Array<{ label: L; p: number }> {
  return ranked(head, probabilities(head, feats), top);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    s += B64[a >> 2]! + B64[((a & 3) << 4) | (b >> 4)]!;
    s += i + 1 < bytes.length ? B64[((b & 15) << 2) | (c >> 6)]! : '=';
    s += i + 2 < bytes.length ? B64[c & 63]! : '=';
  }
  return s;
}

function fromBase64(s: string): Uint8Array {
  const rev = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) rev[B64.charCodeAt(i)] = i;
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const a = rev[clean.charCodeAt(i)]!;
    const b = rev[clean.charCodeAt(i + 1)]!;
    const c = i + 2 < clean.length ? rev[clean.charCodeAt(i + 2)]! : 0;
    const d = i + 3 < clean.length ? rev[clean.charCodeAt(i + 3)]! : 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** int8 weights with one scale: what the model file stores. */
export function packHead(head: Head): PackedHead {
  if (head.w instanceof Int8Array) return { labels: head.labels, temperature: head.temperature, scale: head.scale, data: toBase64(new Uint8Array(head.w.buffer, head.w.byteOffset, head.w.length)) };
  let max = 0;
  for (const v of head.w) max = Math.max(max, Math.abs(v * head.scale));
  const scale = max === 0 ? 1 : max / 127;
  const bytes = new Uint8Array(head.w.length);
  for (let i = 0; i < head.w.length; i++) bytes[i] = Math.round((head.w[i]! * head.scale) / scale) & 255;
  return { labels: head.labels, temperature: head.temperature, scale, data: toBase64(bytes) };
}

export function unpackHead(p: PackedHead): Head {
  const bytes = fromBase64(p.data);
  return { labels: p.labels, w: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length), scale: p.scale, temperature: p.temperature };
}

export function packModel(m: Model): PackedModel {
  return { dim: m.dim, intent: packHead(m.intent), priority: packHead(m.priority), status: packHead(m.status) };
}

export function unpackModel(p: PackedModel): Model {
  if (p.dim !== DIM) throw new Error(`model was trained with ${p.dim} feature buckets, the code hashes into ${DIM}: run npm run train`);
  return { dim: p.dim, intent: unpackHead(p.intent), priority: unpackHead(p.priority), status: unpackHead(p.status) };
}

/** Quantises a model as storing it would (so out-of-fold figures match the committed model's). */
export function roundTrip(m: Model): Model {
  return unpackModel(packModel(m));
}
