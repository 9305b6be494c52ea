/**
 * `rivet interpret --assets FILE`: reads JSON lines {"text": "..."} on stdin and writes one JSON
 * line per input, in order:
 *   {"intent","confidence","priority","workOrderId","status","asset": {"mention","decision","candidates"} | null}
 * A line that is not JSON or has no "text" gets {"error": "..."} and processing continues.
 * FILE is a JSON array of Atlas asset records (optional keys may be missing or null).
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AssetRecord } from '../core/model.js';
import { buildAssetIndex, type AssetIndex } from '../core/assets/index.js';
import { interpret } from '../core/understanding/index.js';

interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE = 'usage: rivet interpret --assets FILE < messages.jsonl\n';

function argValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === name) return argv[i + 1];
    if (a.startsWith(name + '=')) return a.slice(name.length + 1);
  }
  return undefined;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const named = (v: unknown): { id: number; name: string } | null => {
  if (v === null || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  return typeof o.id === 'number' && typeof o.name === 'string' ? { id: o.id, name: o.name } : null;
};

/** Accepts Atlas-shaped records with missing or null optional keys; drops entries without a numeric id. */
export function toAssetRecords(data: unknown): AssetRecord[] {
  if (!Array.isArray(data)) throw new Error('assets file must contain a JSON array');
  const out: AssetRecord[] = [];
  for (const item of data) {
    if (item === null || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    if (typeof o.id !== 'number' || !Number.isFinite(o.id)) continue;
    out.push({
      id: o.id,
      customId: str(o.customId) ?? '',
      name: str(o.name) ?? '',
      description: str(o.description),
      location: named(o.location),
      category: named(o.category),
      area: str(o.area),
      model: str(o.model),
      serialNumber: str(o.serialNumber),
      barCode: str(o.barCode),
      parentId: typeof o.parentId === 'number' ? o.parentId : null,
    });
  }
  return out;
}

function interpretLine(line: string, index: AssetIndex): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { error: 'invalid JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || typeof (parsed as { text?: unknown }).text !== 'string') {
    return { error: 'expected an object with a string "text"' };
  }
  const r = interpret((parsed as { text: string }).text, { assets: index });
  return {
    intent: r.intent,
    confidence: r.confidence,
    priority: r.priority,
    workOrderId: r.workOrderNumber,
    status: r.status,
    asset: r.asset
      ? {
          mention: r.asset.mention,
          decision: r.asset.resolution?.decision ?? 'not_found',
          candidates: r.asset.resolution?.candidates.map((c) => c.asset.id) ?? [],
        }
      : null,
  };
}

export async function interpretCommand(argv: string[], io: Io): Promise<number> {
  const file = argValue(argv, '--assets');
  if (!file) {
    io.stderr.write(USAGE);
    return 2;
  }
  let index: AssetIndex;
  try {
    index = buildAssetIndex(toAssetRecords(JSON.parse(readFileSync(file, 'utf8'))));
  } catch (e) {
    io.stderr.write(`rivet interpret: cannot load assets from ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const raw of rl) {
    const line = raw.trim();
    if (line.length === 0) continue;
    let out: Record<string, unknown>;
    try {
      out = interpretLine(line, index);
    } catch (e) {
      out = { error: `internal error: ${(e as Error).message}` };
    }
    io.stdout.write(JSON.stringify(out) + '\n');
  }
  return 0;
}
