/**
 * Before a conversation opens: who may use the bot (RIVET_SIGNUP), and sign-up links. A person
 * who may not is told once how to get access (a tap gets a toast), and nothing of theirs is
 * stored or sent on. A sign-up link (`/start <token>`) always gets a hearing: a valid one of this
 * organization connects the chat account to its person, unless the account already belongs to
 * someone else (core/access mayLink).
 */
import { admit, mayLink, type Admission, type Allowlist, type NoticeLog, type SignupMode } from '../access/index.js';
import type { Clock, JobDispatcher, Logger } from '../ports.js';
import type { ChatEvent, ChatInput, ChatOutcome } from './input.js';
import { LinkRefusedError, type LinkTokens, type PeopleStore, type Person } from './stores.js';
import { PLATFORM_NAME, refusal, t } from './texts.js';
import { firstName, type Turn } from './turn.js';

export interface SignupDeps {
  organizationId: string;
  people: PeopleStore;
  linkTokens: LinkTokens;
  dispatcher: JobDispatcher;
  notices: NoticeLog;
  clock: Clock;
  signup: { mode: SignupMode; allowlist: Allowlist };
}

/** The token of `/start <token>`; null for anything else (a QR sticker's `a_<asset>` is not a token). */
export function linkTokenOf(event: ChatEvent): string | null {
  if (event.type !== 'command' || event.name !== 'start') return null;
  const payload = event.arg.trim();
  return payload && !/^a_\d{1,12}$/.test(payload) ? payload.slice(0, 200) : null;
}

const empty = (toast: string | null): ChatOutcome => ({ toast, personId: null, conversationId: null });

/** A message to a chat without a conversation (the person is not let in). */
async function sayBare(deps: Pick<SignupDeps, 'dispatcher'>, input: ChatInput, text: string, key: string): Promise<void> {
  await deps.dispatcher.send({ idempotencyKey: `${input.eventKey}:${key}`, to: input.where.chat, text, conversationId: null, kind: 'response' });
}

export function admissionOf(deps: Pick<SignupDeps, 'signup'>, person: Person | null, input: Pick<ChatInput, 'who'>): Admission {
  return admit(deps.signup.mode, person, input.who, deps.signup.allowlist);
}

/** Tells a refused person, once (a tap: a toast every time). */
export async function refuse(deps: SignupDeps, input: ChatInput, reason: Extract<Admission, { admit: false }>['reason'], log: Logger): Promise<ChatOutcome> {
  log.info({ reason, channel: input.who.channel }, 'not let in');
  if (input.event.type === 'tap') return empty(refusal.toast);
  const who = `${input.who.channel}:${input.who.externalId}`;
  if (await deps.notices.first(`refused/${reason}/${who}`, deps.clock.now())) {
    const text = reason === 'stranger' ? refusal.stranger(PLATFORM_NAME[input.who.channel]) : refusal[reason]();
    await sayBare(deps, input, text, 'refused');
  }
  return empty(null);
}

/**
 * `/start <token>`. `open` opens the turn of the person the chat account now belongs to (for the
 * reply); a person who is not let in is answered without one.
 */
export async function redeemLink(deps: SignupDeps, input: ChatInput, token: string, log: Logger, open: () => Promise<Turn>): Promise<ChatOutcome> {
  const now = deps.clock.now();
  const platform = PLATFORM_NAME[input.who.channel];
  const current = await deps.people.find(deps.organizationId, input.who);
  if (current?.disabled) return refuse(deps, input, 'disabled', log);
  const letIn = current !== null && admissionOf(deps, current, input).admit;
  const answer = async (text: string): Promise<ChatOutcome> => {
    if (!letIn) {
      await sayBare(deps, input, text, 'link');
      return empty(null);
    }
    const turn = await open();
    await turn.reply(text);
    return { toast: null, personId: turn.person.id, conversationId: turn.conversationId };
  };

  const peeked = await deps.linkTokens.peek(token, deps.organizationId, now);
  if (!peeked.ok) {
    log.info({ reason: peeked.reason }, 'link token refused');
    return answer(t.linkRefused[peeked.reason]);
  }
  if (mayLink(current, peeked.personId) === 'in_use') {
    log.warn({ userId: current?.id, target: peeked.personId }, 'link token refused: this chat account belongs to another person');
    return answer(t.linkInUse(platform));
  }
  const spent = await deps.linkTokens.redeem(token, input.who, now, deps.organizationId);
  if (!spent.ok) {
    log.info({ reason: spent.reason }, 'link token refused');
    return answer(t.linkRefused[spent.reason]);
  }
  let linked: Person;
  try {
    linked = await deps.people.link(spent.personId, input.who, now);
  } catch (err) {
    if (!(err instanceof LinkRefusedError)) throw err;
    log.warn({ err: err.message }, 'link refused by the store');
    return answer(t.linkInUse(platform));
  }
  log.info({ userId: linked.id, channel: input.who.channel, movedFrom: current && current.id !== linked.id ? current.id : null }, 'chat account linked');
  if (linked.disabled) return refuse(deps, input, 'disabled', log);
  const turn = await open();
  await turn.reply(t.linked(platform, linked.tier, firstName(turn.person)));
  return { toast: null, personId: turn.person.id, conversationId: turn.conversationId };
}
