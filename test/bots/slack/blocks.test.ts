import { describe, expect, it } from 'vitest';
import { toBlocks } from '../../../src/bots/slack/blocks.js';
import { fromSlack } from '../../../src/bots/slack/text.js';

describe('Block Kit rendering', () => {
  it('escapes what people wrote, so nobody’s words can ping a channel or fake a link', () => {
    const { text, blocks } = toBlocks({ idempotencyKey: 'k', to: { channel: 'slack', chatId: 'C1' }, text: 'Ana: <!channel> look <http://evil|here> & @here' });
    expect(text.startsWith('Ana: &lt;!channel&gt; look &lt;')).toBe(true);
    expect(text).not.toContain('<!channel>');
    // The address is a plain link to itself: no label can disguise it.
    expect(text).not.toMatch(/<http:\/\/evil\|here>/);
    expect(text).toContain('<http://evil>');
    expect(text.endsWith('&amp; @here')).toBe(true);
    // verbatim: Slack parses nothing on its own, so a typed @here stays text.
    expect(blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } });
  });

  it('makes web addresses links, puts the alert first, renders buttons and menus with Rivet’s data, and keeps to Slack’s limits', () => {
    const long = 'x'.repeat(7_000);
    const { blocks } = toBlocks({
      idempotencyKey: 'k', to: { channel: 'slack', chatId: 'C1' }, text: `Atlas: https://atlas.example/app/work-orders/12\n${long}`,
      buttons: [[{ text: '✅ Mark complete', data: 'ov:c:t' }, { text: 'y'.repeat(90), data: 'd2' }]],
      extras: { alert: 'S0LEADS1', context: ['Replies stay internal.'], menus: [{ placeholder: 'Set priority', options: [{ text: 'High', data: 'ov:p:t:H' }, { text: 'Low', data: 'ov:p:t:L' }], selected: 'ov:p:t:L' }] },
    });
    const sections = blocks.filter((b) => b.type === 'section') as unknown as { text: { text: string } }[];
    expect(sections[0]!.text.text.startsWith('<!subteam^S0LEADS1> Atlas: <https://atlas.example/app/work-orders/12>')).toBe(true);
    expect(sections.every((s) => s.text.text.length <= 3_000)).toBe(true);
    expect(blocks.find((b) => b.type === 'context')).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Replies stay internal.' }] });
    const actions = blocks.filter((b) => b.type === 'actions') as unknown as { elements: Record<string, any>[] }[];
    expect(actions[0]!.elements[0]).toMatchObject({ type: 'static_select', initial_option: { value: 'ov:p:t:L' } });
    expect(actions[1]!.elements.map((e) => [e.value, e.text.text.length <= 75, e.action_id])).toEqual([['ov:c:t', true, 'rv:0.0'], ['d2', true, 'rv:0.1']]);
  });

  it('reads Slack markup back as plain text, without the bot’s own mention', () => {
    expect(fromSlack('<@U0BOT> &gt;&gt; pump &amp; valve <@U0ANA|ana> see <https://x.io/a|the doc> in <#C1|ops>', 'U0BOT')).toBe('>> pump & valve @ana see the doc (https://x.io/a) in #ops');
  });
});
