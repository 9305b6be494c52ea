/**
 * What a technician's taps tell about Rivet's understanding, observed by the engine once the step
 * is kept: the machine picked from "which one?" (first or another), "None of these", Cancel on
 * the card (tapped or typed), and Create with another priority than Rivet's. Each carries what
 * Rivet had made of the message; a repeated tap records nothing new.
 */
import { describe, expect, it } from 'vitest';
import { conversationKey, createChatEngine, type ChatEvent, type ChatInput, type PlatformIdentity } from '../../../src/core/conversation/index.js';
import type { HumanFeedback, Observation, Observer } from '../../../src/core/observe/index.js';
import { memoryDeps } from './memory.js';

const tg = (id: number): PlatformIdentity => ({ channel: 'telegram', externalId: String(id), username: null, displayName: 'Ana Tech', language: 'en' });
let seq = 0;
const input = (who: PlatformIdentity, event: ChatEvent, key = `tg:u:${++seq}`): ChatInput => ({
  who, where: { chat: { channel: 'telegram', chatId: who.externalId }, conversationKey: conversationKey(who.externalId, false, who.externalId), group: false },
  eventKey: key, description: event.type === 'text' ? event.text : `[${event.type}]`, event,
});

function setup() {
  const feedback: HumanFeedback[] = [];
  const notes: Observation[] = [];
  const observer: Observer = { note: (o) => void notes.push(o), feedback: async (f) => void feedback.push(f) };
  const base = memoryDeps();
  // Rivet reads "urgent" as HIGH, so a card filed as LOW is a changed priority.
  const understanding = {
    understand: (t: string, c: Parameters<NonNullable<typeof base.deps.understanding>['understand']>[1]) => ({ ...base.deps.understanding!.understand(t, c), priority: /urgent/.test(t) ? ('HIGH' as const) : null }),
    resolveAsset: base.deps.understanding!.resolveAsset,
  };
  const m = memoryDeps({ observer, understanding });
  const engine = createChatEngine(m.deps);
  const ana = tg(900 + ++seq);
  const chat = ana.externalId;
  const tap = async (re: RegExp, key?: string) => {
    const b = m.dispatcher.lastWithButtons(chat)!.buttons!.flat().find((x) => re.test(x.data));
    if (!b) throw new Error(`no button ${re}: ${JSON.stringify(m.dispatcher.lastWithButtons(chat)?.buttons)}`);
    await engine.handle(input(ana, { type: 'tap', data: b.data, messageId: '7' }, key));
  };
  return { m, engine, ana, chat, tap, feedback, notes, say: (t: string) => engine.handle(input(ana, { type: 'text', text: t })) };
}

describe('technician corrections as feedback', () => {
  it('another machine than the first, a changed priority, then Create: three judgements, each with what Rivet said', async () => {
    const s = setup();
    await s.say('pump 301 is leaking, urgent');
    expect(s.notes).toContainEqual({ type: 'understood', intent: 'create_work_order', confidence: 0.9 });
    expect(s.notes).toContainEqual(expect.objectContaining({ type: 'disambiguation', outcome: 'asked', mention: 'pump 301', candidates: [{ id: 1, score: 1 }, { id: 2, score: 1 }] }));
    await s.tap(/^a:.*:2$/); // the Cooling tower one, not the first offered
    await s.tap(/^p:[^:]+:\d+$/); // change priority
    await s.tap(/^p:.*:L$/);
    await s.tap(/^c:/);

    const kinds = s.feedback.map((f) => [f.kind, f.score]);
    expect(kinds).toEqual([['asset_choice', 0], ['report_confirmed', 1], ['priority_changed', 0]]);
    const [choice, confirmed, priority] = s.feedback;
    const said = { eventKey: expect.stringMatching(/^tg:u:/), text: 'pump 301 is leaking, urgent', intent: 'create_work_order', priority: 'HIGH', mention: 'pump 301', decision: 'ambiguous', candidates: [{ id: 1, name: 'Pump 301', score: 1 }, { id: 2, name: 'Pump 301', score: 1 }] };
    expect(choice).toMatchObject({ source: 'technician', about: { eventKey: said.eventKey }, said, corrected: { assetId: 2 } });
    expect(confirmed).toMatchObject({ said, corrected: { priority: 'LOW', assetId: 2 }, filingKey: expect.stringMatching(/^wo:/) });
    expect(priority).toMatchObject({ corrected: { priority: 'LOW' } });
    expect(s.notes).toContainEqual(expect.objectContaining({ type: 'disambiguation', outcome: 'picked_other' }));
    // The filed report carries nothing of it to Atlas.
    expect(JSON.stringify(s.m.dispatcher.calls.filter((c) => c.kind === 'create'))).not.toContain('said');
  });

  it('the first machine offered counts as right; a redelivered tap records nothing more', async () => {
    const s = setup();
    await s.say('pump 301 is leaking');
    const first = s.m.dispatcher.lastWithButtons(s.chat)!.buttons!.flat().find((x) => /^a:.*:1$/.test(x.data))!;
    const tap = input(s.ana, { type: 'tap', data: first.data, messageId: '7' }, 'tg:cb:first');
    await s.engine.handle(tap);
    await s.engine.handle(tap); // the inbound job ran it again
    expect(s.feedback.map((f) => [f.kind, f.score])).toEqual([['asset_choice', 1]]);
    expect(s.notes).toContainEqual(expect.objectContaining({ type: 'disambiguation', outcome: 'picked_first' }));
  });

  it('"None of these" is a miss, handed over (or filed without a machine when nobody can be asked)', async () => {
    const s = setup();
    await s.say('pump 301 is leaking');
    await s.tap(/^n:/);
    expect(s.feedback.map((f) => [f.kind, f.score])).toEqual([['asset_none', 0]]);
    expect(s.feedback[0]!.corrected).toEqual({ assetId: null });
    expect(s.notes).toContainEqual({ type: 'handover', topic: 'which_asset', delivered: false });
  });

  it('Cancel on the confirmation card, tapped or typed, is a miss; cancelling anything else is not', async () => {
    const s = setup();
    await s.say('compressor 2 is making noise');
    await s.tap(/^x:/);
    await s.say('compressor 2 is making noise again');
    await s.engine.handle(input(s.ana, { type: 'command', name: 'cancel', arg: '' }));
    await s.say('pump 301 is leaking');
    await s.tap(/^x:/); // at "which one?", not the card
    expect(s.feedback.map((f) => [f.kind, f.score, f.said?.text])).toEqual([
      ['report_cancelled', 0, 'compressor 2 is making noise'],
      ['report_cancelled', 0, 'compressor 2 is making noise again'],
    ]);
  });
});
