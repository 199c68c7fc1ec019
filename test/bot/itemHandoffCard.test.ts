import { describe, expect, it } from 'vitest';
import { attachment } from '../../bot/cards.js';
import { handoffCard } from '../../bot/handoffCard.js';
import { HandoffData } from '../../app/usecases/handoffPosts.js';
import { sizeRefusal } from '../helpers/connectorRules.js';

const LONG = 'Maximiliana Alexandra Konstantinopoulou-Vandenberghe';
const person = (i: number) => ({ email: `m.${i}@subsidiary.contoso.example.com`, displayName: `${LONG} ${i}`, teamsId: `29:1${String(i).padStart(6, '0')}-abcdefghijklmnopqrstuvwxyz` });
const rotation = { id: 'platform-on-call', name: 'Platform on call', timezone: 'Asia/Tokyo' };
const T = Date.parse('2026-03-09T03:00:00Z');
const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');
const base = { key: `handoff:${rotation.id}:${T}`, rotation, at: T, outgoing: [person(1)], incoming: [person(2)] };

describe('the open items passing on the handoff card', () => {
  it('a few items: listed whole under "Open items passing to", the handover\'s own strings kept as they are', () => {
    const card = handoffCard({ ...base, openItems: ['ask the DBA'], passingItems: { to: person(2), items: [{ n: 12, text: 'Nightly backup failed' }, { n: 14, text: 'Disk 90% on db-2' }] } });
    const json = JSON.stringify(card);
    expect(json).toContain(`"text":"**Open items passing to <at>${LONG} 2</at>**"`);
    expect(json).toContain('"text":"- #12 Nightly backup failed\\n- #14 Disk 90% on db-2"');
    expect(json).toContain('"text":"- ask the DBA"');
  });

  it('200 items of 500 CJK characters with the longest handover: within the budget, the rest said honestly', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ n: i + 1, text: '監視アラート未完了'.repeat(56).slice(0, 500) }));
    const card = handoffCard({ ...base, notes: '引継'.repeat(2000), openItems: [], passingItems: { to: person(2), items } });
    const activity = { type: 'message', attachments: [attachment(card)] };
    expect(bytes(activity)).toBeLessThan(20 * 1024);
    expect(sizeRefusal(activity)).toBeUndefined();
    expect(JSON.stringify(card)).toMatch(/[\d,]+ more characters of the items passing do not fit in a Teams card/);
    expect(JSON.stringify(card)).toContain('"verb":"handoff.ack"');
  });

  it('a post recorded before items existed still parses (the field is optional)', () => {
    const old = { ...base, channel: { team: 'team-1', id: '19:ops@thread.tacv2' }, openItems: [] };
    expect(HandoffData.parse(old).passingItems).toBeUndefined();
  });
});
