/**
 * Formatting shared by every language: work-order numbers, asset labels that fit a button, and
 * the English status and priority words Slack and Atlas-facing texts use.
 */
import type { AssetRecord, Priority, WorkOrderStatus } from '../model.js';

export const STATUS_LABEL: Record<WorkOrderStatus, string> = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  ON_HOLD: 'On hold',
  COMPLETE: 'Complete',
};
export const PRIORITY_LABEL: Record<Priority, string> = { NONE: 'None', LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' };

export const customId = (n: number) => `WO${String(n).padStart(6, '0')}`;

/** "Pump 301 · Boiler room", cut to fit a button. */
export function assetLabel(asset: Pick<AssetRecord, 'name' | 'location' | 'area'>, max = 40): string {
  const where = asset.location?.name ?? asset.area ?? null;
  const label = where ? `${asset.name} · ${where}` : asset.name;
  return label.length > max ? label.slice(0, max - 1) + '…' : label;
}

export const cut = (s: string, max: number) => (s.length > max ? s.slice(0, max - 1).trimEnd() + '…' : s);
const segments = (a: Pick<AssetRecord, 'location' | 'area'>) =>
  (a.location?.name ?? a.area ?? '').split(/\s+-\s+/).map((x) => x.trim()).filter(Boolean);

/**
 * Button labels for "which one?": the asset name and the shortest tail of its location that
 * tells the candidates apart ("Hall A (Stamping)" rather than "Riverside Plant - Hall A (Stamping)").
 */
export function candidateLabels(assets: readonly Pick<AssetRecord, 'name' | 'location' | 'area'>[]): string[] {
  const depth = Math.max(1, ...assets.map((a) => segments(a).length));
  let labels: string[] = [];
  for (let k = 1; k <= depth; k++) {
    labels = assets.map((a) => {
      const where = segments(a).slice(-k).join(' - ');
      return where ? `${cut(a.name, 30)} · ${cut(where, 30)}` : cut(a.name, 50);
    });
    if (new Set(labels).size === labels.length) break;
  }
  return labels;
}


/** One word per kind of file, singular and plural, in a language: "1 photo", "2 voice notes". */
export interface FileWords {
  photo: [string, string];
  voice: [string, string];
  file: [string, string];
}

/** The card's line for a report's attachments ("📎 2 photos, 1 voice note"), none when it has none. */
export function attachmentsLine(attachments: readonly { kind: string }[], words: FileWords): string[] {
  if (attachments.length === 0) return [];
  const photos = attachments.filter((a) => a.kind === 'image').length;
  const voice = attachments.filter((a) => a.kind === 'voice').length;
  const other = attachments.length - photos - voice;
  const count = (n: number, [one, many]: [string, string]) => (n ? `${n} ${n === 1 ? one : many}` : '');
  return [`📎 ${[count(photos, words.photo), count(voice, words.voice), count(other, words.file)].filter(Boolean).join(', ')}`];
}
