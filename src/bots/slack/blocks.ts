/**
 * OutboundMessage → Block Kit: the text as sections (escaped, cut to Slack's limits), smaller
 * lines as a context block, button rows and pick-one menus as actions blocks whose values carry
 * Rivet's button data (action ids `rv:…`, which the adapter listens to), an alert as a mention.
 */
import type { InlineButton, InlineMenu, OutboundMessage } from '../../core/ports.js';
import { escapeMrkdwn } from './text.js';

/** Slack's limits: section text 3000, button text 75, option text 75, 25 elements per actions block, 50 blocks. */
const SECTION_MAX = 3_000;
const LABEL_MAX = 75;
const PER_ACTIONS = 25;
const OPTIONS_MAX = 100;
const MAX_BLOCKS = 50;
const MAX_TEXT = 39_000;

export const ACTION_PREFIX = 'rv:';

type Block = { type: string; [key: string]: unknown };

const cut = (s: string, max: number) => (s.length > max ? s.slice(0, max - 1) + '…' : s);

/** Splits at line ends where it can, so a long transcript stays readable. */
function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const at = rest.lastIndexOf('\n', max);
    const end = at > max / 2 ? at : max;
    out.push(rest.slice(0, end));
    rest = rest.slice(end).replace(/^\n/, '');
  }
  if (rest) out.push(rest);
  return out;
}

/** Web addresses as explicit links (they are already escaped). */
const linkify = (escaped: string) => escaped.replace(/\bhttps?:\/\/[^\s<>|”"’)\]]*[^\s<>|”"’)\].,;:!?…]/g, (url) => `<${url}>`);

function button(b: InlineButton, id: string): Block {
  return { type: 'button', text: { type: 'plain_text', text: cut(b.text, LABEL_MAX), emoji: true }, action_id: id, value: b.data };
}

function menu(m: InlineMenu, id: string): Block {
  const options = m.options.slice(0, OPTIONS_MAX).map((o) => ({ text: { type: 'plain_text', text: cut(o.text, LABEL_MAX), emoji: true }, value: o.data }));
  const initial = options.find((o) => o.value === m.selected);
  return { type: 'static_select', action_id: id, placeholder: { type: 'plain_text', text: cut(m.placeholder, 150) }, options, ...(initial ? { initial_option: initial } : {}) };
}

export function toBlocks(message: OutboundMessage): { text: string; blocks: Block[] } {
  const x = message.extras ?? {};
  const alert = x.alert && /^S[A-Z0-9]+$/.test(x.alert) ? `<!subteam^${x.alert}> ` : '';
  const text = alert + linkify(escapeMrkdwn(cut(message.text, MAX_TEXT)));
  // verbatim: Slack parses nothing on its own (a typed "@channel" stays text); links and the alert are explicit markup.
  const blocks: Block[] = chunks(text, SECTION_MAX).map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t, verbatim: true } }));
  if (x.context?.length) {
    blocks.push({ type: 'context', elements: x.context.slice(0, 10).map((line) => ({ type: 'mrkdwn', text: escapeMrkdwn(cut(line, SECTION_MAX)) })) });
  }
  const controls: Block[] = [
    ...(x.menus ?? []).map((m, i) => menu(m, `${ACTION_PREFIX}m${i}`)),
  ];
  if (controls.length) blocks.push({ type: 'actions', elements: controls.slice(0, PER_ACTIONS) });
  (message.buttons ?? []).forEach((row, r) => {
    const elements = row.slice(0, PER_ACTIONS).map((b, c) => button(b, `${ACTION_PREFIX}${r}.${c}`));
    if (elements.length) blocks.push({ type: 'actions', elements });
  });
  return { text: cut(text, 3_000), blocks: blocks.slice(0, MAX_BLOCKS) };
}
