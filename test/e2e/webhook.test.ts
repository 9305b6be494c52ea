import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  channelPostUpdate, editedMessageUpdate, groupChat, photoUpdate, stickerUpdate, textUpdate, voiceUpdate,
} from '../fakes/telegram/updates.js';
import { DETAILED, person, startE2E, until, type E2E } from './harness.js';
import { describeWith } from '../helpers/services.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

const processed = async (id: number) =>
  (await e.tdb.database.db.execute(sql`select count(*)::int as n from processed_events where source = 'telegram' and external_id = ${String(id)}`)).rows[0] as { n: number };

describeWith(['postgres', 'redis'], 'POST /telegram/webhook', () => {
  it('refuses a wrong or missing secret with 401 and stores nothing', async () => {
    const u = textUpdate(person(), 'pump P-501 leaking');
    expect((await e.post(u, { secret: 'wrong' })).status).toBe(401);
    expect((await e.post(u, { secret: null })).status).toBe(401);
    expect((await processed(u.update_id)).n).toBe(0);
  });

  it('handles a duplicate update_id once', async () => {
    const ivy = person('Ivy');
    const u = textUpdate(ivy, 'hello');
    const answers = await Promise.all([e.post(u), e.post(u), e.post(u)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await Promise.all(answers.map((r) => r.json() as Promise<{ result: string }>))).map((b) => b.result).sort()).toEqual(['accepted', 'duplicate', 'duplicate']);
    await e.waitForText(ivy.id, /Hi Ivy/);
    await new Promise((r) => setTimeout(r, 400));
    expect(e.texts(ivy.id)).toHaveLength(1);
  });

  it('answers malformed and unsupported updates with 200: ignored, or a polite word', async () => {
    expect((await e.post(null, { raw: '{not json' })).status).toBe(200);
    expect((await e.post({ hello: 'world' })).status).toBe(200);
    expect((await e.post({ update_id: 'x' })).status).toBe(200);
    const jo = person('Jo');
    expect((await e.post(editedMessageUpdate(jo, 'pump P-501 leaking'))).status).toBe(200);
    expect((await e.post(channelPostUpdate('news'))).status).toBe(200);
    expect((await e.post(stickerUpdate(jo))).status).toBe(200);
    await e.waitForText(jo.id, /I can read text, photos and voice notes/);
    const huge = textUpdate(jo, 'Pump P-502 leaking '.repeat(3_000));
    expect((await e.post(huge)).status).toBe(200);
    await e.waitForText(jo.id, /New work order\nAsset: Pump P-502/);
    expect(e.texts(jo.id)).toHaveLength(2); // the edit and the channel post said nothing
  });

  it('in a group answers only commands, mentions and replies to itself', async () => {
    const kim = person('Kim');
    const group = groupChat(-100_000_000 - Math.floor(Math.random() * 1e6));
    await e.tdb.repos.allowedChats.allow({ organizationId: e.rivet.organization.id, channel: 'telegram', chatId: String(group.id), title: 'Boiler crew', crew: null, allowedBy: 'test' });
    await e.post(textUpdate(kim, 'pump P-501 is leaking again, lol', { chat: group }));
    await e.post(textUpdate(kim, '/help@someone_else_bot', { chat: group }));
    await e.post(textUpdate(kim, '/help', { chat: group }));
    await e.waitForText(group.id, /\/mine/);
    await e.post(textUpdate(kim, `@${e.tg.bot.username} Press PR-102 leaking oil`, { chat: group }));
    await e.waitForText(group.id, /New work order\nAsset: Press PR-102/);
    await e.post(textUpdate(kim, 'my work orders', { chat: group, replyTo: { message_id: e.tg.sentMessages(group.id)[0]!.message_id, fromBot: e.tg.bot } }));
    await e.waitForText(group.id, /work orders yet|Your work orders/);
    await e.waitForText(group.id, /still waiting for a tap/);
    expect(e.texts(group.id)).toHaveLength(4);
    // Someone else in the crew cannot tap Kim's card.
    const lee = person('Lee');
    await e.tap(lee, group.id, /Create/, { id: 'foreign-tap' });
    await until(() => e.tg.answers.find((a) => a.callback_query_id === 'foreign-tap'), 5_000, 'the foreign tap answered');
    expect(e.tg.answers.find((a) => a.callback_query_id === 'foreign-tap')!.text).toBe('These buttons are for Kim.');
    // Lee's own report in the same group does not drop Kim's pending card.
    await e.post(textUpdate(lee, `@${e.tg.bot.username} Pump P-503 leaking`, { chat: group }));
    await until(() => e.texts(group.id).filter((t) => /New work order/.test(t)).length === 2, 8_000, 'two cards in the group');
    expect(e.texts(group.id).some((t) => /dropped your unfinished/.test(t))).toBe(false);
    await e.tap(kim, group.id, /Create/, { on: /Press PR-102/ });
    await e.waitForText(group.id, /^Filed WO\d+ — PR-102 leaking oil/);
  });

  it('expires a pending step after 30 idle minutes with a short notice; its buttons go stale', async () => {
    const max = person('Max');
    await e.post(textUpdate(max, 'Pump P-503 leaking'));
    await e.waitForText(max.id, /New work order/);
    e.clock.advance(31 * 60_000);
    try {
      await e.tap(max, max.id, /Create/, { id: 'late-tap' });
      await e.waitForText(max.id, /unfinished report about Pump P-503 .* expired after 30 minutes/);
      await until(() => e.tg.answers.find((a) => a.callback_query_id === 'late-tap'), 5_000, 'late tap answered');
      expect(e.tg.answers.find((a) => a.callback_query_id === 'late-tap')!.text).toMatch(/out of date/);
    } finally {
      e.clock.advance(-31 * 60_000);
    }
    expect([...e.atlas.state.workOrders.values()].some((w) => /P-503/.test(w.title))).toBe(false);
  });

  it('the new report wins over a pending one, and the bot says so', async () => {
    const ned = person('Ned');
    await e.post(textUpdate(ned, 'exhaust fan EF-2 rattling'));
    await e.waitForText(ned.id, /Which one/);
    await e.post(textUpdate(ned, 'Pump P-501 leaking oil'));
    await e.waitForText(ned.id, /dropped your unfinished report/);
    await e.waitForText(ned.id, /New work order\nAsset: Pump P-501/);
  });

  it('attaches a photo and a voice note to the report; refuses files over 20 MB', async () => {
    const ola = person('Ola');
    e.tg.addFile({ fileId: 'photo-1', data: new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]) });
    e.tg.addFile({ fileId: 'voice-1', data: new Uint8Array([0x4f, 0x67, 0x67, 0x53]) });
    await e.post(photoUpdate(ola, 'photo-1'));
    await e.waitForText(ola.id, /What's the problem/);
    await e.post(textUpdate(ola, 'Pump P-502 leaking at the seal'));
    await e.waitForText(ola.id, /📎 1 photo/);
    await e.post(voiceUpdate(ola, 'voice-1'));
    await e.waitForText(ola.id, /📎 1 photo, 1 voice note/);
    await e.tap(ola, ola.id, /Create/);
    const filed = await e.waitForText(ola.id, /^Filed WO/);
    const wo = [...e.atlas.state.workOrders.values()].find((w) => filed.text!.includes(w.customId))!;
    await until(() => e.atlas.state.files.length >= 2 || undefined, 8_000, 'files uploaded to Atlas');
    expect(wo).toBeTruthy();

    e.tg.addFile({ fileId: 'huge', data: new Uint8Array(1), size: 25 * 1024 * 1024 });
    await e.post(photoUpdate(ola, 'huge', { size: 25 * 1024 * 1024 }));
    await e.waitForText(ola.id, /over 20 MB/);
  });

  it('waits out Telegram’s 429 retry_after and still delivers', async () => {
    const pia = person('Pia');
    e.tg.failNext429(1, 'sendMessage');
    await e.post(textUpdate(pia, 'hello'));
    await e.waitForText(pia.id, /Hi Pia/, 8_000);
  });

  it('tells the technician the report is saved when Atlas is down, and files it when Atlas is back', async () => {
    const quin = person('Quin');
    await e.post(textUpdate(quin, 'Pump P-501 leaking oil'));
    await e.waitForText(quin.id, /New work order/);
    e.atlas.faults.failUntil(new Date(Date.now() + 2_500), 503);
    await e.tap(quin, quin.id, /Create/);
    await e.waitForText(quin.id, /your report is saved and will be filed/, 15_000);
    await e.waitForText(quin.id, /^Filed WO/, 15_000);
  });

  it('reports queue figures and Telegram in /health', async () => {
    const res = await fetch(`${e.rivet.url}/health`, DETAILED);
    const body = (await res.json()) as { checks: Record<string, { status: string; details?: Record<string, unknown> }>; jobs: { mode: string; queues: Record<string, unknown> } };
    expect(res.status).toBe(200);
    expect(body.checks.telegram!.status).toBe('up');
    expect(body.checks.atlas!.status).toBe('up');
    // The atlas check says how Rivet is connected and what it has learned of the instance.
    expect(body.checks.atlas!.details).toMatchObject({ authMode: 'password', account: 'bot@rivet.test', assets: 602, statusUpdates: 'polling' });
    expect(body.jobs.mode).toBe('queue');
    expect(Object.keys(body.jobs.queues)).toEqual(expect.arrayContaining(['inbound', 'outbound', 'atlas']));
  });
});

