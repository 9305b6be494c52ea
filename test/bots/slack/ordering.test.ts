import { describe, expect, it } from 'vitest';
import { conversationOf, serializePerConversation } from '../../../src/bots/slack/ordering.js';
import { memoryLogger } from '../../helpers/logger.js';

describe('Slack requests in order', () => {
  it('key a direct message by its channel (messages and taps together) and a channel’s request by its thread', () => {
    expect(conversationOf({ event: { channel: 'D01', ts: '1.1' } })).toBe('D01');
    expect(conversationOf({ type: 'block_actions', channel: { id: 'D01' }, container: { message_ts: '2.2' } })).toBe('D01');
    expect(conversationOf({ event: { channel: 'C01', ts: '3.3', thread_ts: '1.0' } })).toBe('C01/1.0');
    expect(conversationOf({ type: 'block_actions', channel: { id: 'C01' }, container: { message_ts: '1.0' } })).toBe('C01/1.0');
    expect(conversationOf({ command: '/rivet', channel_id: 'C01' })).toBe('C01');
    expect(conversationOf('nonsense')).toBeNull();
  });

  it('run one conversation’s requests one after another, others beside them', async () => {
    const log = memoryLogger('silent').logger;
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const run = serializePerConversation(async (p) => {
      const { id, wait } = p as { id: string; wait?: boolean; event: unknown };
      if (wait) await gate;
      order.push(id);
    });
    const first = run({ id: 'a1', wait: true, event: { channel: 'D01' } }, { jobId: '1', logger: log });
    const second = run({ id: 'a2', event: { channel: 'D01' } }, { jobId: '2', logger: log });
    await run({ id: 'b1', event: { channel: 'D02' } }, { jobId: '3', logger: log });
    expect(order).toEqual(['b1']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['b1', 'a1', 'a2']);
  });
});
