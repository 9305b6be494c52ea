/**
 * Supervisors' corrections as feedback, end to end through Slack: choosing the machine of a
 * handed-over report, changing the priority of a work order Rivet filed, answering a message
 * Rivet did not understand. Each is recorded once, with what Rivet had made of the message, and
 * `rivet export-misses` turns them into eval lines (test/fixtures/corpus/README.md) that parse.
 */
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportMissesCommand } from '../../src/commands/export-misses.js';
import { loadConfig } from '../../src/config/config.js';
import { INTENTS } from '../../src/core/model.js';
import { feedback } from '../../src/db/schema.js';
import { textUpdate } from '../fakes/telegram/updates.js';
import { memoryLogger } from '../helpers/logger.js';
import { person, until } from './harness.js';
import { MARIA, OMAR, shownText, startSlackE2E, type SlackE2E } from './slack-harness.js';
import { describeWith } from '../helpers/services.js';

let e: SlackE2E;
beforeAll(async () => {
  e = await startSlackE2E();
});
afterAll(() => e?.close());

const rowsOf = async (kind: string) => e.tdb.database.db.select().from(feedback).where(eq(feedback.kind, kind));

describeWith(['postgres', 'redis'], 'supervisor corrections', () => {
  it('the machine a supervisor chose for a handed-over report', async () => {
    const bo = person('Bo');
    await e.post(textUpdate(bo, 'exhaust fan EF-1 is making a loud noise, urgent'));
    await e.waitForText(bo.id, /Which one/);
    await e.tap(bo, bo.id, /None of these/);
    const root = await e.root(/Bo Tech needs the machine for a report/);
    await e.click(OMAR, root, /Roof/);
    await e.waitForText(bo.id, /^New work order\nAsset: Exhaust Fan EF-1 · .*Roof/);

    const [row] = await until(async () => ((await rowsOf('supervisor_asset')).length ? rowsOf('supervisor_asset') : null), 8_000, 'the supervisor_asset row');
    const roof = e.rivet.assets.all().find((a) => /EF-1/.test(a.name) && /Roof/.test(a.location?.name ?? ''))!;
    // Rivet offered the Hall A one first (the Roof one third): the pick corrects it.
    expect((row!.said as { candidates: { id: number }[] }).candidates[0]!.id).not.toBe(roof.id);
    expect(row).toMatchObject({ source: 'supervisor', score: 0, corrected: { assetId: roof.id } });
    expect(row!.said).toMatchObject({ text: 'exhaust fan EF-1 is making a loud noise, urgent', intent: 'create_work_order', decision: 'ambiguous' });
    expect(row!.eventKey).toMatch(/^tg:u:/);
    expect((await rowsOf('asset_none')).map((r) => r.eventKey)).toContain(row!.eventKey);
  });

  it('a priority a supervisor changed on a work order Rivet filed, set beside what Rivet had said', async () => {
    const di = person('Di');
    await e.post(textUpdate(di, 'Pump P-501 seal worn, not urgent'));
    await e.waitForText(di.id, /New work order/);
    await e.tap(di, di.id, /Create/);
    const filed = await e.waitForText(di.id, /^Filed WO\d{6}/);
    const customId = /WO\d{6}/.exec(filed.text!)![0];
    const root = await e.root(new RegExp(`${customId} · P-501 seal worn`));
    await e.click(MARIA, e.current(root), /🔴 High/);
    await e.reply(root, new RegExp(`Maria Lopez set ${customId} to High priority`));

    const [row] = await until(async () => ((await rowsOf('supervisor_priority')).length ? rowsOf('supervisor_priority') : null), 8_000, 'the supervisor_priority row');
    const confirmed = (await rowsOf('report_confirmed')).find((r) => (r.said as { text?: string }).text === 'Pump P-501 seal worn, not urgent')!;
    expect(row).toMatchObject({ source: 'supervisor', score: 0, corrected: { priority: 'HIGH' }, eventKey: confirmed.eventKey, said: confirmed.said });
    expect(row!.workOrderId).toBe([...e.atlas.state.workOrders.values()].find((w) => w.customId === customId)!.id);
  });

  it('the answer to a message Rivet did not understand, once per question', async () => {
    const cy = person('Cy');
    await e.post(textUpdate(cy, 'asdf qwerty zxcv'));
    const root = await e.root(/Rivet did not understand Cy Tech: “asdf qwerty zxcv”/);
    await e.say(MARIA, 'He means the lathe in bay 3 jams; I will look.', { threadTs: root.ts });
    await e.waitForText(cy.id, /^Maria Lopez \(supervisor\): He means the lathe/);
    await e.say(MARIA, 'On my way now.', { threadTs: root.ts });
    await e.waitForText(cy.id, /On my way now/);
    const rows = (await rowsOf('supervisor_answer')).filter((r) => (r.said as { text?: string } | null)?.text === 'asdf qwerty zxcv');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 0, corrected: { answer: 'He means the lathe in bay 3 jams; I will look.' }, said: { intent: 'ask_human' } });
    expect(shownText(e.current(root))).toMatch(/asdf qwerty zxcv/);
  });

  it('rivet export-misses writes them as eval lines that parse, with the people’s corrections applied', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const sink = (into: string[]) => new Writable({ write: (c: Buffer, _e, cb) => (into.push(c.toString()), cb()) });
    const config = loadConfig({ DATABASE_URL: e.tdb.url, RIVET_DATA_DIR: '/tmp/rivet-misses', LOG_LEVEL: 'warn' });
    const code = await exportMissesCommand(['--since', '1d'], { config, logger: memoryLogger('warn').logger, stdout: sink(out), stderr: sink(err) });
    expect(code).toBe(0);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(err.join('')).toMatch(new RegExp(`^rivet export-misses: ${lines.length} corrected messages`));
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['text', 'intent', 'priority', 'asset', 'workOrderId', 'status']));
      expect(typeof l.text).toBe('string');
      expect(INTENTS).toContain(l.intent);
      if (l.intent === 'create_work_order') expect(['HIGH', 'MEDIUM', 'LOW']).toContain(l.priority);
      else expect(l.priority).toBeNull();
      if (l.asset) {
        expect(l.text).toContain(l.asset.mention);
        expect(l.asset.expected.every((id: unknown) => Number.isInteger(id))).toBe(true);
      }
      expect(l.rivet).toBeDefined();
      expect(l.corrections.length).toBeGreaterThan(0);
    }
    const fan = lines.find((l) => l.text === 'exhaust fan EF-1 is making a loud noise, urgent')!;
    const roof = e.rivet.assets.all().find((a) => /EF-1/.test(a.name) && /Roof/.test(a.location?.name ?? ''))!;
    expect(fan).toMatchObject({ intent: 'create_work_order', priority: 'HIGH', asset: { expected: [roof.id] }, labelled: ['asset'] });
    expect(fan.corrections.map((c: { kind: string }) => c.kind)).toEqual(expect.arrayContaining(['asset_none', 'supervisor_asset']));
    expect(lines.find((l) => l.text === 'Pump P-501 seal worn, not urgent')).toMatchObject({ priority: 'HIGH', labelled: ['priority'], rivet: { priority: 'LOW' } });
    expect(lines.find((l) => l.text === 'asdf qwerty zxcv')).toMatchObject({ intent: 'ask_human', priority: null, labelled: [] });
  });
});
