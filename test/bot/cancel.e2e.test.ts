import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionInvoke, teamsMessage, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, WEDNESDAY, type BotWorld } from './botHarness.js';

type Who = keyof typeof PEOPLE;
const personal = (who: Who) => ({ id: `a:chat-${who}`, conversationType: 'personal' as const });
const from = (who: Who) => ({ id: PEOPLE[who].id, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].aadObjectId });
const at = (who: Who) => `<at>${PEOPLE[who].name}</at>`;

describe.each(ENGINES)('cancelling changes in chat on %s', (engine) => {
  let w: BotWorld;
  beforeAll(async () => (w = await startBot(engine)));
  afterAll(() => stopBot(w));

  const say = async (who: Who, text: string, mentions: Who[] = []): Promise<RecordedRequest[]> => {
    const mark = w.h.mark();
    const res = await w.h.post(
      teamsMessage({ serviceUrl: w.connector.url, text, from: from(who), conversation: personal(who), mentions: mentions.map((m) => ({ id: PEOPLE[m].id, name: PEOPLE[m].name })) }),
    );
    expect(res.status).toBe(200);
    return w.h.since(mark);
  };
  const reply = async (who: Who, text: string, mentions: Who[] = []) => (await say(who, text, mentions)).at(-1)!.body.text as string;
  const click = async (who: Who, verb: string, data: Record<string, unknown>) => {
    const mark = w.h.mark();
    const res = await w.h.post(actionInvoke(w.connector.url, { verb, data, from: from(who), conversation: personal(who) }));
    return { body: res.body, sent: w.h.since(mark) };
  };
  const audit = (action: string) => w.t.db('audit_log').where({ action }).select('actor', 'source', 'detail');
  const shortIdIn = (text: string, line: number) => new RegExp(`^${line}\\. \`([0-9a-f]{6})\``, 'm').exec(text)![1]!;

  it('time off: my changes numbers it, cancel 1 gives the shifts back and says which', async () => {
    // Bob is off 9–13 March: Carol takes his ops week 9–16 and Bob keeps his place, so he has 16–23.
    await reply('bob', 'time off 2026-03-09 to 2026-03-13');
    const list = await reply('bob', 'my changes');
    expect(list).toMatch(/^Your changes still in effect \(say \*\*cancel 1\*\*, or \*\*cancel\*\* with the id\):\n1\. `[0-9a-f]{6}` time off of bob@contoso\.com, Mon 9 Mar 00:00 GMT\+1 – Sat 14 Mar 00:00 GMT\+1$/);
    const text = await reply('bob', 'cancel 1');
    expect(text).toContain('Cancelled: time off of bob@contoso.com, Mon 9 Mar 00:00 GMT+1 – Sat 14 Mar 00:00 GMT+1 (it had not started, so it is gone).');
    // Carol has not written to Rota yet, so she is named rather than mentioned. The queue moved for good: 28 days
    // after the time off are listed, and the answer says that later shifts move back too.
    expect(text.split('\n').slice(1)).toEqual([
      `- **Op of the Week** Mon 9 Mar 12:00 GMT+1 – Mon 16 Mar 12:00 GMT+1 is ${at('bob')}'s again (was carol@contoso.com)`,
      `- **Op of the Week** Mon 16 Mar 12:00 GMT+1 – Mon 23 Mar 12:00 GMT+1 is carol@contoso.com's again (was ${at('bob')})`,
      '…and later shifts go back to their earlier order too (see schedule).',
    ]);
    expect(await w.t.db('time_off').pluck('id')).toEqual([]);
    expect(await reply('bob', 'next ops')).toMatch(/- Mon 9 Mar 12:00 GMT\+1 – Mon 16 Mar 12:00 GMT\+1: <at>Bob Baker<\/at>\n- Mon 16 Mar 12:00 GMT\+1 – Mon 23 Mar 12:00 GMT\+1: carol@contoso\.com\n/);
    const rows = await audit('timeoff.cancelled');
    expect(rows.map((r) => [r.actor, r.source])).toEqual([['bob@contoso.com', 'chat']]);
    expect(await reply('bob', 'cancel 1')).toBe('1 is no longer in your list (cancelled or over); say my changes again.');
  });

  it('numbers stay those of the list shown: after cancel 1, cancel 2 is still the second line', async () => {
    await reply('carol', 'time off 2026-04-06 to 2026-04-07');
    await reply('carol', 'time off 2026-04-20 to 2026-04-21');
    const list = await reply('carol', 'my changes');
    expect(list.split('\n').slice(1).map((l) => l.replace(/`\w+` /, ''))).toEqual([
      '1. time off of carol@contoso.com, Mon 6 Apr 00:00 GMT+2 – Wed 8 Apr 00:00 GMT+2',
      '2. time off of carol@contoso.com, Mon 20 Apr 00:00 GMT+2 – Wed 22 Apr 00:00 GMT+2',
    ]);
    expect(await reply('carol', 'cancel 1')).toMatch(/^Cancelled: time off of carol@contoso\.com, Mon 6 Apr/);
    expect(await reply('carol', 'cancel 2')).toMatch(/^Cancelled: time off of carol@contoso\.com, Mon 20 Apr/);
    expect(await reply('carol', 'cancel 3')).toBe('Your list has 1 to 2; there is no 3.');
    expect(await reply('carol', 'my changes')).toBe('You have no changes in effect that can be cancelled.');
  });

  it('"cancel my time off on <date>" and "time off cancel" find the one time off; a stranger may not cancel it', async () => {
    await reply('dave', 'time off 2026-05-04 to 2026-05-08');
    const id = shortIdIn(await reply('dave', 'my changes'), 1);
    expect(await reply('carol', `cancel ${id}`)).toBe('Only dave@contoso.com or the admins of their rotations can cancel this time off.');
    expect(await reply('dave', 'cancel my time off on 2026-05-11')).toBe('You have no time off on 2026-05-11 to cancel.');
    expect(await reply('dave', 'time off cancel')).toMatch(/^Cancelled: time off of dave@contoso\.com, Mon 4 May 00:00 GMT\+2/);
    expect(await w.t.db('time_off').pluck('id')).toEqual([]);
  });

  it('a cover: the maker, the covered and the replaced person may cancel; a stranger not; an admin may', async () => {
    await reply('alice', `cover ${at('bob')} 2026-03-05 09:00 to 2026-03-05 17:00`, ['bob']);
    const id = shortIdIn(await reply('bob', 'my changes'), 1); // the covering person sees it too
    expect(await reply('carol', `cancel ${id}`)).toBe("Only alice@contoso.com, bob@contoso.com or Op of the Week's admins can cancel this cover.");
    const text = await reply('erin', `cancel ${id}`);
    expect(text).toBe(
      'Cancelled: cover in Op of the Week: bob@contoso.com instead of alice@contoso.com, Thu 5 Mar 09:00 GMT+1 – Thu 5 Mar 17:00 GMT+1 (it had not started, so it is gone).' +
        `\n- **Op of the Week** Thu 5 Mar 09:00 GMT+1 – Thu 5 Mar 17:00 GMT+1 is ${at('alice')}'s again (was ${at('bob')})`,
    );
    expect(await w.t.db('overrides').where({ origin: 'chat' }).whereNull('cancelled_at').pluck('id')).toEqual([]);
    expect((await audit('override.cancelled')).map((r) => r.actor)).toEqual(['erin@contoso.com']);
  });

  it('a pending swap: the proposer withdraws it and both cards say so in place; Accept afterwards changes nothing', async () => {
    const sent = await say('alice', `swap next with ${at('dave')} ops`, ['dave']);
    const swapId = JSON.stringify(sent).match(/"swapId":"(swap-[0-9a-f-]+)"/)![1]!;
    const list = await reply('alice', 'my changes');
    expect(list).toContain('swap proposed by alice@contoso.com in Op of the Week: dave@contoso.com takes Mon 30 Mar 12:00 GMT+2 – Mon 6 Apr 12:00 GMT+2, alice@contoso.com takes Mon 23 Mar 12:00 GMT+1 – Mon 30 Mar 12:00 GMT+2');
    expect(await reply('dave', `cancel ${swapId}`)).toBe('Only alice@contoso.com can withdraw this proposal; to say no, use Decline on the swap card.');
    const cancelled = await say('alice', 'cancel 1');
    expect(cancelled.at(-1)!.body.text).toMatch(/^Cancelled: swap proposed by alice@contoso\.com .* \(it had not started, so it is gone\)\. No shift changed hands\.$/);
    const puts = cancelled.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path.split('/')[3]).sort()).toEqual(['a%3Achat-alice', 'a%3Achat-dave']);
    for (const p of puts) {
      expect(JSON.stringify(p.body)).toContain('Cancelled: the shifts are as they were before the swap.');
      expect(JSON.stringify(p.body)).not.toContain('swap.accept');
    }
    expect((await w.t.db('swaps').where({ id: swapId }).first()).state).toBe('cancelled');
    const late = await click('dave', 'swap.accept', { swapId });
    expect(JSON.stringify(late.body)).toContain('Cancelled');
    expect(await w.t.db('overrides').where({ swap_id: swapId }).pluck('id')).toEqual([]);
  });

  it('an accepted swap: the other party cancels, both shifts go back in one write and the proposer is told', async () => {
    const sent = await say('alice', `swap next with ${at('bob')} ops`, ['bob']);
    const swapId = JSON.stringify(sent).match(/"swapId":"(swap-[0-9a-f-]+)"/)![1]!;
    await click('bob', 'swap.accept', { swapId });
    expect(await w.t.db('overrides').where({ swap_id: swapId }).whereNull('cancelled_at').pluck('id')).toHaveLength(2);
    const list = await reply('bob', 'my changes');
    expect(list).toMatch(/\n1\. `[0-9a-f]{6}` swap in Op of the Week: bob@contoso\.com takes Mon 30 Mar/);
    const sentBack = await say('bob', 'cancel 1');
    const text = sentBack.at(-1)!.body.text as string;
    expect(text).toContain(`- **Op of the Week** Mon 9 Mar 12:00 GMT+1 – Mon 16 Mar 12:00 GMT+1 is ${at('bob')}'s again (was ${at('alice')})`);
    expect(text).toContain(`- **Op of the Week** Mon 30 Mar 12:00 GMT+2 – Mon 6 Apr 12:00 GMT+2 is ${at('alice')}'s again (was ${at('bob')})`);
    // Both cards of the accepted swap say it was taken back, in place, without buttons.
    const cardPuts = sentBack.filter((r) => r.method === 'PUT');
    expect(cardPuts.map((r) => r.path.split('/')[3]).sort()).toEqual(['a%3Achat-alice', 'a%3Achat-bob']);
    for (const p of cardPuts) expect(JSON.stringify(p.body)).toContain('Cancelled: the shifts are as they were before the swap.');
    const told = sentBack.find((r) => r.method === 'POST' && r.path.startsWith('/v3/conversations/a%3Achat-alice/activities'))!;
    expect(told.body.text).toMatch(new RegExp(`^${at('bob')} cancelled the swap in Op of the Week: `));
    expect(told.body.text).toContain(`is ${at('alice')}'s again (was ${at('bob')})`);
    expect(await w.t.db('overrides').where({ swap_id: swapId }).whereNull('cancelled_at').pluck('id')).toEqual([]);
    expect((await w.t.db('swaps').where({ id: swapId }).first()).state).toBe('cancelled');
    const rows = await audit('swap.cancelled');
    expect(rows.filter((r) => JSON.parse(r.detail as string).swap === swapId).map((r) => [r.actor, JSON.parse(r.detail as string).overrides.length])).toEqual([['bob@contoso.com', 2]]);
    expect(await reply('bob', 'next ops')).toMatch(/- Mon 9 Mar 12:00 GMT\+1 – Mon 16 Mar 12:00 GMT\+1: <at>Bob Baker<\/at>/);
  });

  it("an admin lists someone's changes with changes @person and cancels by number; others may not list them", async () => {
    await reply('bob', 'time off 2026-06-01 to 2026-06-02');
    expect(await reply('carol', `changes ${at('bob')}`, ['bob'])).toBe("Only admins can list someone else's changes; say my changes for yours.");
    expect(await reply('erin', `changes ${at('bob')}`, ['bob'])).toMatch(/^bob@contoso\.com's changes still in effect .*\n1\. `[0-9a-f]{6}` time off of bob@contoso\.com, Mon 1 Jun 00:00 GMT\+2 – Wed 3 Jun 00:00 GMT\+2$/);
    expect(await reply('erin', 'cancel 1')).toMatch(/^Cancelled: time off of bob@contoso\.com, Mon 1 Jun/);
    expect((await audit('timeoff.cancelled')).map((r) => r.actor)).toContain('erin@contoso.com');
  });

  it('an override from the rotation file is refused and not listed', async () => {
    await w.t.db('overrides').insert({
      id: 'file-0123456789abcdef01234567', rotation_id: 'ops', start_at: Date.parse('2026-03-24T11:00:00Z'), end_at: Date.parse('2026-03-25T11:00:00Z'),
      member: 'carol@contoso.com', replaces: 'dave@contoso.com', origin: 'file', created_by: 'cli:ops', created_at: 0,
    });
    expect(await reply('dave', 'my changes')).toBe('You have no changes in effect that can be cancelled.');
    expect(await reply('erin', 'cancel 012345')).toBe('That comes from the rotation file; edit it there and run apply.');
    expect(await w.t.db('overrides').where({ origin: 'file' }).whereNull('cancelled_at').pluck('id')).toHaveLength(1);
  });
  it('a cover that has started ends at now; the part before stays', async () => {
    await reply('alice', `cover ${at('dave')} 2026-03-04 11:00 to 2026-03-05 08:00`, ['dave']);
    w.h.clock.now = Date.parse('2026-03-04T12:00:00Z'); // 13:00 in Berlin, two hours into the cover
    try {
      const text = await reply('dave', `cancel ${shortIdIn(await reply('dave', 'my changes'), 1)}`);
      expect(text).toContain('(it had started: it ends now and the part before stays).');
      expect(text).toContain(`- **Op of the Week** Wed 4 Mar 13:00 GMT+1 – Thu 5 Mar 08:00 GMT+1 is ${at('alice')}'s again (was ${at('dave')})`);
      const row = await w.t.db('overrides').where({ origin: 'chat', member: 'dave@contoso.com' }).first();
      expect([Number(row.start_at), Number(row.end_at), row.cancelled_at]).toEqual([Date.parse('2026-03-04T10:00:00Z'), Date.parse('2026-03-04T12:00:00Z'), null]);
    } finally {
      w.h.clock.now = WEDNESDAY;
    }
  });
});
