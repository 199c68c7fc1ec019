import { describe, expect, it } from 'vitest';
import { HandoffData, shortHandoff } from '../../app/usecases/handoffPosts.js';
import { attachment } from '../../bot/cards.js';
import { handoffCard } from '../../bot/handoffCard.js';
import { sizeRefusal } from '../helpers/connectorRules.js';

const T = Date.parse('2026-03-09T03:00:00Z'); // Mon 9 Mar 12:00 in Tokyo
const HOUR = 3_600_000;
const rotation = { id: 'platform', name: 'Platform on call', timezone: 'Asia/Tokyo' };
const kenji = { email: 'kenji@contoso.com', displayName: 'Kenji Sato' };
const base = {
  key: `handoff:platform:${T}`, rotation, channel: { team: 'g-1', id: '19:p@thread.tacv2' }, at: T,
  outgoing: [kenji], incoming: [{ email: 'yui@contoso.com', displayName: 'Yui Mori' }], openItems: [],
};
/** `n` duties an hour apart from Mon 2 Mar 12:00 Tokyo (03:00Z). */
const lines = (n: number, status: 'done' | 'skipped', reason?: string) =>
  Array.from({ length: n }, (_, i) => ({ status, task: `Check queue ${i + 1}`, at: T - 7 * 24 * HOUR + i * HOUR, people: [kenji], ...(reason ? { reason } : {}) }));
const texts = (h: HandoffData) => (handoffCard(h).body as Array<{ text?: string }>).map((b) => b.text ?? '');
const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');

describe('the duty record on the handoff card', () => {
  it('lists five done duties and counts the rest: "…and 15 more done"', () => {
    const h = HandoffData.parse({ ...base, duties: { from: T - 7 * 24 * HOUR, lines: [...lines(20, 'done'), ...lines(1, 'skipped', 'queue drained by the deploy')] } });
    const t = texts(h);
    const at = t.indexOf('**Duties this shift** (since Mon 2 Mar 12:00 GMT+9): 1 skipped, 20 done');
    expect(at).toBeGreaterThan(0);
    expect(t[at + 1]).toBe(
      [
        '⏭ Skipped: Check queue 1 (Mon 2 Mar 12:00 GMT+9) by Kenji Sato: queue drained by the deploy',
        '✅ Done: Check queue 1 (Mon 2 Mar 12:00 GMT+9) by Kenji Sato',
        '✅ Done: Check queue 2 (Mon 2 Mar 13:00 GMT+9) by Kenji Sato',
        '✅ Done: Check queue 3 (Mon 2 Mar 14:00 GMT+9) by Kenji Sato',
        '✅ Done: Check queue 4 (Mon 2 Mar 15:00 GMT+9) by Kenji Sato',
        '✅ Done: Check queue 5 (Mon 2 Mar 16:00 GMT+9) by Kenji Sato',
        '…and 15 more done',
      ].join('\n'),
    );
  });

  it('200 skipped duties with long reasons beside the longest notes: within the budget, the rest counted', () => {
    const reason = '監視アラートの確認は翌日に延期'.repeat(10); // 150 CJK characters
    const h = HandoffData.parse({ ...base, notes: '引継'.repeat(2000), duties: { from: T - 7 * 24 * HOUR, lines: lines(200, 'skipped', reason) } });
    const activity = { type: 'message', attachments: [attachment(handoffCard(h))] };
    expect(bytes(activity)).toBeLessThan(20 * 1024);
    expect(sizeRefusal(activity)).toBeUndefined();
    expect(texts(h)).toContain('**Duties this shift** (since Mon 2 Mar 12:00 GMT+9): 200 skipped');
    const record = texts(h).find((t) => t.startsWith('⏭ Skipped: Check queue 1 '))!;
    const shown = record.split('\n').filter((l) => l.startsWith('⏭ Skipped:')).length;
    expect(shown).toBeGreaterThan(0);
    expect(record.split('\n').at(-1)).toBe(`…and ${200 - shown} more skipped`);
  });

  it('the short card (Teams said 413) leaves the record out, and a post from before it parses and shows none', () => {
    const h = HandoffData.parse({ ...base, duties: { from: T - 7 * 24 * HOUR, lines: lines(3, 'done') } });
    const short = shortHandoff(h, 'Teams refused the full card as too large (413)');
    expect(short.duties).toBeUndefined();
    expect(texts(short).some((t) => t.includes('Duties this shift'))).toBe(false);
    const old = HandoffData.parse(base);
    expect(texts(old)).toEqual(['Handoff: Platform on call', 'Kenji Sato → Yui Mori at Mon 9 Mar 12:00 GMT+9' /* no Teams ids: names, no mentions */, '**Notes**', '_No handover notes were written._']);
  });
});
