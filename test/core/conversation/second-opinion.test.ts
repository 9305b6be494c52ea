/**
 * A language model's second opinion through the chat engine: asked only about readings Rivet is
 * unsure of, its intent taken, an asset it names only put first among those Rivet offers (the
 * technician still picks), and its absence changing nothing.
 */
import { describe, expect, it } from 'vitest';
import { conversationKey, createChatEngine, createUnderstanding, type ChatInput, type PlatformIdentity } from '../../../src/core/conversation/index.js';
import { interpret } from '../../../src/core/understanding/index.js';
import { SECOND_OPINION_BELOW, SECOND_OPINION_CONFIDENCE, withSecondOpinion, type SecondOpinion, type SecondOpinionPort, type SecondOpinionRequest } from '../../../src/core/understanding/second-opinion.js';
import { memoryDeps } from './memory.js';

const ana: PlatformIdentity = { channel: 'telegram', externalId: '501', username: null, displayName: 'Ana Tech', language: 'en' };
let seq = 0;
const say = (text: string): ChatInput => ({
  who: ana,
  where: { chat: { channel: 'telegram', chatId: '501' }, conversationKey: conversationKey('501', false, '501'), group: false },
  eventKey: `tg:so:${++seq}`,
  description: text,
  event: { type: 'text', text },
});

function setup(answer: (req: SecondOpinionRequest) => SecondOpinion | null) {
  const asked: SecondOpinionRequest[] = [];
  const secondOpinion: SecondOpinionPort = {
    ask: async (req) => {
      asked.push(req);
      return answer(req);
    },
  };
  const catalog = memoryDeps().deps.assets;
  const m = memoryDeps({ understanding: createUnderstanding(catalog, undefined, { secondOpinion }) });
  return { ...m, asked, engine: createChatEngine(m.deps), catalog };
}

/** Vague messages: whichever of them Rivet's own reading is unsure of (the model behind it changes; the rule does not). */
const VAGUE = ['grabbed 3301, heading there', 'hows 2250 coming along', 'the usual', 'hmm', 'not sure what this is'];
const unsure = () => {
  const m = VAGUE.find((v) => interpret(v).confidence < SECOND_OPINION_BELOW);
  if (!m) throw new Error('none of the vague messages is unsure any more; add one that is');
  return m;
};

describe('second opinion on unsure messages', () => {
  it('is asked only when Rivet is unsure, and its reading is used', async () => {
    const text = unsure();
    const m = setup(() => ({ intent: 'list_work_orders', priority: null, workOrderNumber: null, status: null, assetId: null }));
    await m.engine.handle(say('what is the status of wo 42'));
    expect(m.asked).toHaveLength(0);
    await m.engine.handle(say(text));
    expect(m.asked.map((a) => a.text)).toEqual([text]);
    expect(m.asked[0]!.first.confidence).toBeLessThan(SECOND_OPINION_BELOW);
    // The model read it as "my work orders": the list is what Ana gets.
    expect(m.dispatcher.texts('501').at(-1)).toMatch(/^You have no work orders yet|^Your work orders/);
  });

  it('changes nothing when there is no answer', async () => {
    const text = unsure();
    const m = setup(() => null);
    const plain = memoryDeps({ understanding: createUnderstanding(m.catalog) });
    const engine = createChatEngine(plain.deps);
    await m.engine.handle(say(text));
    await engine.handle(say(text));
    expect(m.dispatcher.texts('501')).toEqual(plain.dispatcher.texts('501'));
  });
});

describe('folding a second opinion into a reading', () => {
  const candidates = [1, 2, 3].map((id) => ({ asset: { id }, score: 1 }));
  const reading = {
    intent: 'ask_human' as const, confidence: 0.4, priority: null, workOrderNumber: null, status: null, title: null,
    description: 'ice machine on 5 pouring water',
    asset: { mention: 'ice machine', resolution: { decision: 'ambiguous' as const, candidates } },
  };

  it('takes the intent and priority, with a confidence above the ask-first line but below a clear reading', () => {
    const r = withSecondOpinion(reading, { intent: 'create_work_order', priority: 'HIGH', workOrderNumber: null, status: null, assetId: null });
    expect(r).toMatchObject({ intent: 'create_work_order', priority: 'HIGH', confidence: SECOND_OPINION_CONFIDENCE });
    expect(r.title).toMatch(/ice machine/i);
  });

  it('puts the model’s asset first among the candidates, and still asks which one', () => {
    const r = withSecondOpinion(reading, { intent: 'create_work_order', priority: null, workOrderNumber: null, status: null, assetId: 3 });
    expect(r.asset!.resolution!.decision).toBe('ambiguous');
    expect(r.asset!.resolution!.candidates.map((c) => c.asset.id)).toEqual([3, 1, 2]);
    expect(r.priority).toBe('MEDIUM');
  });
});
