/**
 * The commands every chat platform offers: start (a greeting, or a QR sticker's `a_<asset id>`;
 * a one-time sign-up link is spent before the conversation opens, in signup.ts), help, cancel,
 * mine, status [number]; anything else is answered with the unknown-command reply.
 */
import type { ConversationFlow } from './flow.js';
import type { ChatInput } from './input.js';
import { outcome } from './kit.js';
import { t } from './texts.js';
import { currentLanguage, inLanguage, LANG_NAME, LANGS, type Lang } from '../texts/index.js';
import { encodeLanguage } from './callback-data.js';
import { parseLanguageChoice } from './language.js';
import { firstName, type Turn } from './turn.js';

/** "42", "#42", "WO42", "wo 000042" → 42. */
export function parseWorkOrderNumber(s: string): number | null {
  const m = /^\s*(?:wo)?\s*#?0*(\d{1,9})\s*$/i.exec(s);
  return m ? Number(m[1]) : null;
}

export async function runCommand(flow: ConversationFlow, turn: Turn, input: ChatInput, name: string, arg: string): Promise<void> {
  switch (name) {
    case 'start':
      return start(flow, turn, arg.trim());
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
    case 'language':
      return language(turn, arg.trim());
    default:
      turn.log.info({ command: name.slice(0, 40) }, 'unknown command');
      return turn.reply(t.unknownCommand);
  }
}

async function start(flow: ConversationFlow, turn: Turn, payload: string): Promise<void> {
  const asset = /^a_(\d{1,12})$/.exec(payload);
  if (asset) {
    await turn.step((f) => flow.reportOnAsset(f, Number(asset[1])));
    return;
  }
  // A sign-up link never gets here (the engine spends it first); anything else is a greeting.
  return turn.reply(t.welcome(firstName(turn.person)));
}

/**
 * /language shows the language replies are in and offers the others as buttons; /language es
 * (or a button) sets it, /language auto goes back to following what the person writes in.
 */
async function language(turn: Turn, arg: string): Promise<void> {
  if (!arg) {
    const buttons = [
      LANGS.map((l) => ({ text: LANG_NAME[l], data: encodeLanguage(l) })),
      [{ text: t.language.autoButton, data: encodeLanguage('auto') }],
    ];
    return turn.replyWithButtons(t.language.choose(LANG_NAME[currentLanguage()]), buttons);
  }
  const choice = parseLanguageChoice(arg);
  if (choice === undefined) return turn.reply(t.language.usage);
  await setLanguage(turn, choice);
}

/** Remembers the choice and confirms it in the language chosen. */
export async function setLanguage(turn: Turn, choice: Lang | 'auto'): Promise<string> {
  await turn.chooseLanguage(choice === 'auto' ? null : choice);
  const lang = choice === 'auto' ? currentLanguage() : choice;
  const text = inLanguage(lang, () => (choice === 'auto' ? t.language.auto : t.language.set));
  await turn.reply(text, 'lang');
  return inLanguage(lang, () => t.done);
}
