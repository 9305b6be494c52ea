import { describe, expect, it } from 'vitest';
import { interpret } from '../../src/core/understanding/index.js';
import { corpusIndex } from './helpers.js';

const run = (text: string) => interpret(text, { assets: corpusIndex() });
const ids = (text: string) => run(text).asset?.resolution?.candidates.map((c) => c.asset.id) ?? [];

describe('Spanish, Portuguese and German', () => {
  it('Spanish', () => {
    const r = run('fuga grande de agua en la bomba P-502, urgente');
    expect([r.intent, r.priority, r.language]).toEqual(['create_work_order', 'HIGH', 'es']);
    expect(ids('el montacargas FLT-04 no arranca')).toEqual([2414]);
    expect(ids('la puerta del muelle 8 no abre')).toEqual([2530]);
    expect(run('¿cómo va la orden 1920?').intent).toBe('check_status');
    expect(run('cancelar').intent).toBe('cancel');
  });
  it('Portuguese', () => {
    const r = run('vazamento de óleo na prensa PR-201, urgente!!');
    expect([r.intent, r.priority, r.language]).toEqual(['create_work_order', 'HIGH', 'pt']);
    expect(run('OS 1874 concluída')).toMatchObject({ intent: 'update_status', status: 'COMPLETE', workOrderNumber: 1874 });
    expect(run('a empilhadeira 2 está com pneu furado').asset?.resolution?.decision).toBe('ambiguous');
    expect(ids('o ar condicionado da sala de servidores parou')).toEqual([1820]);
  });
  it('German', () => {
    const r = run('Schweißroboter in Zelle 2 steht, bitte dringend');
    expect([r.intent, r.priority, r.language]).toEqual(['create_work_order', 'HIGH', 'de']);
    expect(ids('Schweißroboter in Zelle 2 steht')).toEqual(expect.arrayContaining([1292, 1293]));
    expect(run('Kommentar zu 2031: Filter gewechselt, Differenzdruck jetzt 0,3 bar').intent).toBe('add_comment');
    expect(run('meine offenen Aufträge').intent).toBe('list_work_orders');
    expect(ids('Rolltor RD-6 in Halle B klemmt beim Hochfahren')).toEqual([1512]);
  });
});
