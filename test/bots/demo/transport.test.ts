/**
 * The demo transport delivers what the outbound job sends into the page's chats: new messages,
 * edits in place, supervisor threads resolved to their first message (posted once, then
 * refreshed), notes only one supervisor sees. And the hub keeps what it holds bounded.
 */
import { describe, expect, it } from 'vitest';
import { createDemoHub, createDemoTransport, DemoThreadNotReadyError, demoOrderingKey, type DemoEvent } from '../../../src/bots/demo/index.js';
import type { ThreadRoots } from '../../../src/core/oversight/index.js';
import type { OutboundMessage } from '../../../src/core/ports.js';

function roots(): ThreadRoots & { map: Map<string, { chatId: string; messageId: string }> } {
  const map = new Map<string, { chatId: string; messageId: string }>();
  return {
    map,
    async rootOf(id) {
      return map.get(id) ?? null;
    },
    async rootPosted(id, at) {
      if (!map.has(id)) map.set(id, at);
    },
  };
}

const to = (chatId: string) => ({ channel: 'demo' as const, chatId });
const msg = (m: Partial<OutboundMessage> & { text: string; to: OutboundMessage['to'] }): OutboundMessage => ({ idempotencyKey: `k-${Math.random()}`, ...m });

describe('demo transport', () => {
  it('posts to the chat, with its buttons, and edits a message in place', async () => {
    const hub = createDemoHub();
    const events: DemoEvent[] = [];
    hub.subscribe(['tech-1'], (e) => events.push(e));
    const transport = createDemoTransport({ hub, threads: roots() });
    const { messageId } = await transport.send(msg({ to: to('tech-1'), text: 'New work order', buttons: [[{ text: '✅ Create', data: 'c:1' }]] }));
    const edited = await transport.send(msg({ to: to('tech-1'), text: '⏳ Filing…', editMessageId: messageId }));
    expect(edited.messageId).toBe(messageId);
    expect(hub.history('tech-1')).toEqual([expect.objectContaining({ id: messageId, from: 'bot', text: '⏳ Filing…', buttons: [], edited: true })]);
    expect(events.map((e) => e.type)).toEqual(['message', 'edit']);
  });

  it('says an edit of a message that is gone as a new message', async () => {
    const hub = createDemoHub();
    const transport = createDemoTransport({ hub, threads: roots() });
    const { messageId } = await transport.send(msg({ to: to('tech-1'), text: 'again', editMessageId: '424242' }));
    expect(messageId).not.toBe('424242');
    expect(hub.history('tech-1').map((m) => m.text)).toEqual(['again']);
  });

  it('posts a thread’s first message once, refreshes it after, and puts lines under it', async () => {
    const hub = createDemoHub();
    const threads = roots();
    const transport = createDemoTransport({ hub, threads });
    const line = msg({ to: to('oversight'), text: 'Ana: it is getting worse', extras: { thread: { id: 't1' } } });
    await expect(transport.send(line)).rejects.toBeInstanceOf(DemoThreadNotReadyError);

    const root = await transport.send(msg({ to: to('oversight'), text: 'WO000001 · Leak', extras: { thread: { id: 't1', root: true }, context: ['Replies stay internal'], menus: [{ placeholder: 'Set priority', options: [{ text: 'High', data: 'ov:p:t1:H' }] }] } }));
    const again = await transport.send(msg({ to: to('oversight'), text: 'WO000001 · Leak (taken over)', extras: { thread: { id: 't1', root: true } } }));
    expect(again.messageId).toBe(root.messageId);
    await transport.send(line);
    const note = await transport.send(msg({ to: { channel: 'demo', chatId: 'oversight', threadId: root.messageId }, text: 'Sent to Ana.', extras: { ephemeralTo: 'sup-1' } }));

    const channel = hub.history('oversight');
    expect(channel.map((m) => [m.text, m.threadId ?? null])).toEqual([
      ['WO000001 · Leak (taken over)', null],
      ['Ana: it is getting worse', root.messageId],
      ['Sent to Ana.', root.messageId],
    ]);
    expect(channel[2]).toMatchObject({ id: note.messageId, onlyFor: 'sup-1' });
    expect(threads.map.get('t1')).toEqual({ chatId: 'oversight', messageId: root.messageId });
  });
});

describe('demo hub', () => {
  it('keeps a bounded number of messages and uploads', () => {
    const hub = createDemoHub({ limits: { messagesPerChat: 3, uploads: 2 } });
    for (let i = 0; i < 5; i++) hub.post({ chatId: 'c', from: 'person', author: 'Ana', text: `m${i}` });
    expect(hub.history('c').map((m) => m.text)).toEqual(['m2', 'm3', 'm4']);
    const ids = [1, 2, 3].map((i) => hub.upload({ data: new Uint8Array([i]), mimeType: 'image/png', fileName: null }));
    expect(hub.file(ids[0]!)).toBeNull();
    expect(hub.file(ids[2]!)?.data).toEqual(new Uint8Array([3]));
  });

  it('stops telling a page that went away, and ends every stream on close', async () => {
    const hub = createDemoHub();
    const seen: string[] = [];
    const stop = hub.subscribe(['c'], (e) => seen.push(e.type));
    hub.toast('c', '1', 'Cancelled');
    stop();
    hub.post({ chatId: 'c', from: 'person', author: 'Ana', text: 'hi' });
    expect(seen).toEqual(['toast']);
    hub.close();
    await expect(hub.closed).resolves.toBeUndefined();
  });
});

describe('demo ordering', () => {
  it('keeps a technician’s updates in their chat’s order, and a supervisor’s in their thread’s', () => {
    const from = { id: 'tech-0001', name: 'Ana' };
    expect(demoOrderingKey({ kind: 'text', id: 'u-00000001', from, messageId: '3', text: 'hi' })).toBe('tech-0001');
    expect(demoOrderingKey({ kind: 'reply', id: 'u-00000002', from: { id: 'demo-supervisor', name: 'Sam' }, messageId: '9', threadId: '7', text: '>> ok' })).toBe('thread:7');
    expect(demoOrderingKey({ kind: 'control', id: 'u-00000003', from: { id: 'demo-supervisor', name: 'Sam' }, messageId: '7', threadId: null, data: 'ov:t:x', label: null })).toBe('thread:7');
    expect(demoOrderingKey({ nonsense: true })).toBeNull();
  });
});
