/**
 * Replies in the technician's language, end to end through the Telegram webhook: the message's
 * language, the one remembered from earlier messages, the chat app's, and /language — and the
 * notices jobs send later (filed, status changed) follow the same person's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textUpdate } from '../fakes/telegram/updates.js';
import { person, startE2E, type E2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

const buttonsOf = (m: { reply_markup?: unknown }) =>
  ((m.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text);

describe('replies in the language the technician writes in', () => {
  it('Spanish, Portuguese and German reports get cards, buttons and notices in that language, side by side', async () => {
    const lucia = person('Lucia');
    const joao = person('Joao');
    const greta = person('Greta');
    await Promise.all([
      e.post(textUpdate(lucia, 'el montacargas FLT-04 no arranca')),
      e.post(textUpdate(joao, 'o ar condicionado da sala de servidores parou')),
      e.post(textUpdate(greta, 'Rolltor RD-6 in Halle B klemmt beim Hochfahren')),
    ]);
    const es = await e.waitForText(lucia.id, /^Nueva orden de trabajo\nActivo: .+\nPrioridad: (Alta|Media|Baja|Ninguna)\nTítulo: /);
    const pt = await e.waitForText(joao.id, /^Nova ordem de serviço\nAtivo: .+\nPrioridade: /);
    const de = await e.waitForText(greta.id, /^Neuer Arbeitsauftrag\nAnlage: .+\nPriorität: /);
    expect(buttonsOf(es)).toEqual(['✅ Crear', 'Prioridad', 'Título', 'Cancelar']);
    expect(buttonsOf(pt)).toEqual(['✅ Criar', 'Prioridade', 'Título', 'Cancelar']);
    expect(buttonsOf(de)).toEqual(['✅ Anlegen', 'Priorität', 'Titel', 'Abbrechen']);

    await e.tap(lucia, lucia.id, /Crear/);
    await e.tap(greta, greta.id, /Anlegen/);
    const filed = await e.waitForText(lucia.id, /^Abierta WO\d{6} — /);
    await e.waitForText(greta.id, /^Angelegt: WO\d{6} — /);

    // Later news from Atlas reaches Lucia in Spanish too, though nothing she wrote started it.
    const customId = /WO\d{6}/.exec(filed.text ?? '')![0];
    const wo = [...e.atlas.state.workOrders.values()].find((w) => w.customId === customId)!;
    await e.atlas.setStatusExternally(wo.id, 'IN_PROGRESS');
    await e.waitForText(lucia.id, new RegExp(`${customId} ahora está EN CURSO`), 10_000);

    // A command says nothing about language: the one her messages were in is remembered.
    await e.post(textUpdate(lucia, '/mine'));
    await e.waitForText(lucia.id, new RegExp(`^Tus órdenes de trabajo:\\n${customId} .* – En curso`));
  });

  it('a first /start follows the language the chat app reports', async () => {
    const bia = { ...person('Bia'), language_code: 'pt-BR' };
    await e.post(textUpdate(bia, '/start'));
    await e.waitForText(bia.id, /^Olá Bia, eu sou o Rivet\./);
  });
});

describe('/language', () => {
  it('offers the four languages, and a choice beats the language of the message until set back to automatic', async () => {
    const max = person('Max');
    await e.post(textUpdate(max, '/language'));
    const menu = await e.waitForText(max.id, /^I answer in English\./);
    expect(buttonsOf(menu)).toEqual(['English', 'Español', 'Português', 'Deutsch', 'Automatic']);
    await e.tap(max, max.id, /Deutsch/);
    await e.waitForText(max.id, /^Gut, ab jetzt antworte ich auf Deutsch\./);

    await e.post(textUpdate(max, 'pump P-502 is leaking water'));
    await e.waitForText(max.id, /^Neuer Arbeitsauftrag\n/);
    await e.post(textUpdate(max, '/cancel'));
    await e.waitForText(max.id, /^Abgebrochen\./);

    await e.post(textUpdate(max, '/language auto'));
    await e.waitForText(max.id, /^Gut, ich antworte in der Sprache, in der du schreibst\./);
    await e.post(textUpdate(max, 'pump P-502 is leaking water'));
    await e.waitForText(max.id, /^New work order\n/);

    await e.post(textUpdate(max, '/language klingon'));
    await e.waitForText(max.id, /^Send \/language with en, es, pt or de/);
  });
});
