/**
 * The commands every chat platform offers: start (a greeting, a one-time sign-up link, or a QR
 * sticker's `a_<asset id>`), help, cancel, mine, status [number]; anything else is answered
 * with the unknown-command reply.
 */
import type { ConversationFlow } from './flow.js';
import type { ChatInput } from './input.js';
import { outcome } from './kit.js';
import type { LinkTokens, PeopleStore } from './stores.js';
import { PLATFORM_NAME, t } from './texts.js';
import { firstName, type Turn } from './turn.js';

/** "42", "#42", "WO42", "wo 000042" → 42. */
export function parseWorkOrderNumber(s: string): number | null {
  const m = /^\s*(?:wo)?\s*#?0*(\d{1,9})\s*$/i.exec(s);
  return m ? Number(m[1]) : null;
}

export interface CommandDeps {
  people: PeopleStore;
  linkTokens: LinkTokens;
}

export async function runCommand(deps: CommandDeps, flow: ConversationFlow, turn: Turn, input: ChatInput, name: string, arg: string): Promise<void> {
  switch (name) {
    case 'start':
      return start(deps, flow, turn, input, arg.trim());
    case 'help':
      return turn.reply(t.help);
    case 'cancel':
      await turn.step((f) => flow.cancel(f));
      return;
    case 'mine':
      await turn.step((f) => flow.mine(f));
      return;
    case 'status': {
      const a = arg.trim();
      const n = a ? parseWorkOrderNumber(a) : null;
      await turn.step((f) => (a && n === null ? outcome({ replies: [{ text: t.statusUsage }] }) : flow.status(f, n)));
      return;
    }
    default:
      turn.log.info({ command: name.slice(0, 40) }, 'unknown command');
      return turn.reply(t.unknownCommand);
  }
}

async function start(deps: CommandDeps, flow: ConversationFlow, turn: Turn, input: ChatInput, payload: string): Promise<void> {
  const asset = /^a_(\d{1,12})$/.exec(payload);
  if (asset) {
    await turn.step((f) => flow.reportOnAsset(f, Number(asset[1])));
    return;
  }
  if (!payload) return turn.reply(t.welcome(firstName(turn.person)));
  const result = await deps.linkTokens.redeem(payload, input.who, turn.now);
  if (!result.ok) {
    turn.log.info({ reason: result.reason }, 'link token refused');
    return turn.reply(t.linkRefused[result.reason]);
  }
  // The name the person already goes by is kept when the provisioned account has none.
  const linked = await deps.people.link(result.personId, { ...input.who, displayName: turn.person.name }, turn.now);
  turn.log.info({ userId: linked.id, channel: input.who.channel }, 'chat account linked');
  await turn.reply(t.linked(PLATFORM_NAME[input.who.channel], linked.tier, firstName(linked)));
}
