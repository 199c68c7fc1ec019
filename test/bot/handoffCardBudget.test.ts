import { describe, expect, it } from 'vitest';
import { attachment } from '../../bot/cards.js';
import { handoffCard } from '../../bot/handoffCard.js';
import { sizeRefusal } from '../helpers/connectorRules.js';

// The handoff card keeps a byte budget: the longest handover the form allows (4,000 characters of notes, 4,000 of
// open items) in CJK is 24 KB of UTF-8 before the card around it, over Teams' 28 KB with the mentions.
const LONG = 'Maximiliana Alexandra Konstantinopoulou-Vandenberghe';
const person = (i: number) => ({ email: `m.${i}@subsidiary.contoso.example.com`, displayName: `${LONG} ${i}`, teamsId: `29:1${String(i).padStart(6, '0')}-abcdefghijklmnopqrstuvwxyz`, aadObjectId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}` });
const rotation = { id: 'platform-on-call', name: 'Platform on call', timezone: 'Asia/Tokyo' };
const T = Date.parse('2026-03-09T03:00:00Z');
const NOTES = '引継'.repeat(2000); // 4,000 characters
const ITEMS = Array.from({ length: 40 }, (_, i) => `INC-${String(i).padStart(2, '0')} ${'監視アラート未完了'.repeat(11).slice(0, 92)}`); // 40 items of 99 characters: 3,999 as the form holds them
const view = (notes: string, openItems: string[]) => ({
  key: `handoff:${rotation.id}:${T}`, rotation, at: T, outgoing: [person(1), person(2)], incoming: [person(3), person(4)],
  escalation: { name: 'Directors', members: [person(5), person(6)] }, tag: { id: 'NTI4/ZGJl+M2YtMTVlMC00ZTM3==', name: 'platform-oncall' }, notes, openItems,
});
const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');

describe('the handoff card\'s byte budget', () => {
  it('4,000 CJK characters of notes and 40 open items: under 20 KB as sent, the rest said honestly', () => {
    expect(ITEMS.join('\n').length).toBe(3999);
    const card = handoffCard(view(NOTES, ITEMS));
    const activity = { type: 'message', attachments: [attachment(card)] };
    expect(bytes(activity)).toBeLessThan(20 * 1024);
    expect(sizeRefusal(activity)).toBeUndefined();
    const json = JSON.stringify(card);
    const left = /…\\n\\n_\(([\d,]+) more characters of the notes do not fit in a Teams card: ask Maximiliana Alexandra Konstantinopoulou-Vandenberghe 1, Maximiliana Alexandra Konstantinopoulou-Vandenberghe 2 for the rest\.\)_/.exec(json);
    expect(left).not.toBeNull();
    const kept = json.match(/[引継]/g)?.length ?? 0;
    expect(kept + Number(left![1]!.replace(/,/g, ''))).toBe(4000);
    expect(json).toMatch(/[\d,]+ more characters of the open items do not fit in a Teams card/);
    expect(json).toContain('"verb":"handoff.ack"');
    expect(json).toContain('Escalation: Directors');
  });

  it('a handover that fits is shown whole, with no note about what was left out', () => {
    const json = JSON.stringify(handoffCard(view('DB failover is half done', ['INC-1 disk', 'INC-2 certs'])));
    expect(json).toContain('"text":"DB failover is half done"');
    expect(json).toContain('"text":"- INC-1 disk\\n- INC-2 certs"');
    expect(json).not.toContain('more characters');
  });
});
