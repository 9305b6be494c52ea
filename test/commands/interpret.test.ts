import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpretCommand } from '../../src/commands/interpret.js';

const corpusAssets = join(import.meta.dirname, '..', 'fixtures', 'corpus', 'assets.json');

async function run(argv: string[], input: string): Promise<{ code: number; out: string[]; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await interpretCommand(argv, { stdin: Readable.from([input]), stdout, stderr });
  return { code, out: out.split('\n').filter((l) => l.length > 0), err };
}

describe('rivet interpret', () => {
  it('writes one JSON line per input line, in order', async () => {
    const input = [
      JSON.stringify({ text: 'pump 301 in the boiler room is leaking oil, pretty bad' }),
      JSON.stringify({ text: 'wo 42 done ✅' }),
      JSON.stringify({ text: 'ahu-1 making a rattling noise' }),
      JSON.stringify({ text: 'thanks' }),
    ].join('\n');
    const { code, out } = await run(['--assets', corpusAssets], input);
    expect(code).toBe(0);
    const rows = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({
      intent: 'create_work_order',
      confidence: expect.any(Number),
      priority: 'HIGH',
      workOrderId: null,
      status: null,
      asset: { mention: 'pump 301 in the boiler room', decision: 'resolved', candidates: [1740] },
    });
    expect(rows[1]).toMatchObject({ intent: 'update_status', workOrderId: 42, status: 'COMPLETE', asset: null, priority: null });
    expect(rows[2]!.asset).toMatchObject({ decision: 'ambiguous' });
    expect((rows[2]!.asset as { candidates: number[] }).candidates.sort()).toEqual([1235, 1478, 1815]);
    expect(rows[3]).toMatchObject({ intent: 'smalltalk', asset: null });
  });

  it('answers a bad line with an error line and carries on', async () => {
    const input = ['not json', '{"nope": 1}', '{"text": 42}', '', '{"text": "nvm"}'].join('\n');
    const { code, out } = await run(['--assets', corpusAssets], input);
    expect(code).toBe(0);
    expect(out).toHaveLength(4);
    expect(JSON.parse(out[0]!)).toHaveProperty('error');
    expect(JSON.parse(out[1]!)).toHaveProperty('error');
    expect(JSON.parse(out[2]!)).toHaveProperty('error');
    expect(JSON.parse(out[3]!)).toMatchObject({ intent: 'cancel' });
  });

  it('accepts legacy asset records with missing or null keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rivet-'));
    const file = join(dir, 'assets.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 1, customId: 'A000001', name: 'Ice Machine IM-1' },
        { id: 2, name: 'Ice Machine IM-2', location: null, category: null, model: null },
        { id: 'bad' },
        null,
      ]),
    );
    const { code, out } = await run([`--assets=${file}`], JSON.stringify({ text: 'IM-2 not making ice' }));
    expect(code).toBe(0);
    expect(JSON.parse(out[0]!).asset).toEqual({ mention: 'IM-2', decision: 'resolved', candidates: [2] });
  });

  it('fails with a usage message without --assets or with an unreadable file', async () => {
    expect((await run([], '')).code).toBe(2);
    const r = await run(['--assets', '/nonexistent/assets.json'], '');
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot load assets');
  });
});
