import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionInvoke, teamsMessage, type ConnectorStandIn, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { cardsIn } from '../helpers/cardCheck.js';
import { ENGINES, type TestDatabase } from '../helpers/databases.js';
import { FIRST_WEEK_FILE, TUESDAY } from '../app/chatWorld.js';
import { installInTeam, PEOPLE, startBot, stopBot, type Harness } from './botHarness.js';

// The example's rotations on Tuesday 1 December 2026, 10:35 in Berlin, through the real HTTP path.
const MORE = {
  grace: { id: '29:grace', name: 'Grace Gray', aadObjectId: 'aad-grace', email: 'grace@contoso.com' },
  heidi: { id: '29:heidi', name: 'Heidi Hill', aadObjectId: 'aad-heidi', email: 'heidi@contoso.com' },
};
const ALL = { ...PEOPLE, ...MORE };
type Who = keyof typeof ALL;
const personal = (who: Who) => ({ id: `a:chat-${who}`, conversationType: 'personal' as const });
const from = (who: Who) => ({ id: ALL[who].id, name: ALL[who].name, aadObjectId: ALL[who].aadObjectId });
const lastText = (sent: RecordedRequest[]) => sent.filter((r) => typeof r.body.text === 'string').at(-1)?.body.text as string;

describe.each(ENGINES)('a first week with Rota on %s', (engine) => {
  let t: TestDatabase;
  let connector: ConnectorStandIn;
  let h: Harness;
  const say = async (who: Who, text: string, mentions: Who[] = []) => {
    const mark = h.mark();
    const res = await h.post(teamsMessage({ serviceUrl: connector.url, text, from: from(who), conversation: personal(who), mentions: mentions.map((m) => ({ id: ALL[m].id, name: ALL[m].name })) }));
    expect(res.status).toBe(200);
    return h.since(mark);
  };
  const click = async (who: Who, verb: string, data: Record<string, unknown>) => {
    const mark = h.mark();
    const res = await h.post(actionInvoke(connector.url, { verb, data, from: from(who), conversation: personal(who) }));
    return { ...res, sent: h.since(mark) };
  };

  beforeAll(async () => {
    ({ t, connector, h } = await startBot(engine, Object.values(ALL), { file: FIRST_WEEK_FILE, now: TUESDAY }));
    await installInTeam(h, connector); // people mentioned in a 1:1 chat are looked up through the team
  });
  afterAll(() => stopBot({ t, connector, h }));

  it("quotes a person's text back without letting its markdown or links restyle the answer", async () => {
    const sent = await say('dave', 'whatt **now** [x](http://evil.example)');
    expect(lastText(sent).startsWith('I did not understand "whatt \\*\\*now\\*\\* \\[x\\]\\(http://evil.example\\)".')).toBe(true);
    const bad = await say('dave', 'time off **soon** to later');
    expect(lastText(bad)).toBe("I could not read '\\*\\*soon\\*\\*' as a date; try 2026-03-10 or 'next Tuesday'");
  });

  it('who marks a double booking: Dave has ops and, tonight, the night shift', async () => {
    const now = lastText(await say('erin', 'who ops'));
    expect(now).toMatch(/^\*\*Op of the Week\*\*: .+? since Mon 30 Nov 12:00 GMT\+1 until Mon 7 Dec 12:00 GMT\+1; next: /);
    expect(now).not.toContain('also on duty');
    const tonight = lastText(await say('erin', 'who ops tonight'));
    expect(tonight).toMatch(/^On Tue 1 Dec \d\d:\d\d GMT\+1, \*\*Op of the Week\*\*: .* ⚠ (Dave Dunn|dave@contoso\.com) is also on duty in Night on call; next: /);
  });

  it('next names tonight 20:00 for the night rotation', async () => {
    expect(lastText(await say('dave', 'next night'))).toMatch(
      /^\*\*Night on call\*\*\n- Tue 1 Dec 20:00 GMT\+1 – Wed 2 Dec 08:00 GMT\+1: (<at>Dave Dunn<\/at>|dave@contoso\.com)\n- Wed 2 Dec 20:00 GMT\+1 – Thu 3 Dec 08:00 GMT\+1: /,
    );
  });

  it('my shifts shows the one in progress and the double booking with tonight', async () => {
    const text = lastText(await say('dave', 'my shifts'));
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Your shifts in the next 4 weeks (Dave Dunn):',
      '- **Op of the Week**: Mon 30 Nov 12:00 GMT+1 – Mon 7 Dec 12:00 GMT+1 (now; ⚠ also on duty in Night on call)',
      '- **Night on call**: Tue 1 Dec 20:00 GMT+1 – Wed 2 Dec 08:00 GMT+1 (⚠ also on duty in Op of the Week)',
    ]);
    // The year appears once a shift is in another year.
    expect(lastText(await say('dave', 'my shifts 6 weeks'))).toContain('- **Op of the Week**: Mon 28 Dec 12:00 GMT+1 – Mon 4 Jan 2027 12:00 GMT+1');
    expect(lastText(await say('dave', 'my shifts soon'))).toBe('I read "my shifts" with a window such as "my shifts 8 weeks" (1 to 52 weeks); the default is 4 weeks.');
  });

  it('a swap, then time off over it: the answer names the swapped week and says how many lines it left out', async () => {
    await say('alice', 'hello');
    await say('bob', 'hello');
    const proposed = await say('alice', 'swap next with <at>Bob Baker</at> ops', ['bob']);
    const swapCard = proposed.flatMap((r) => cardsIn(r.body)).find((c) => JSON.stringify(c).includes('swap.accept'));
    const swapId = (JSON.stringify(swapCard).match(/"swapId":"([^"]+)"/) ?? [])[1]!;
    // Bob's night of Mon 7 Dec (by hand: day 336 from 5 Jan, 0 mod 4) falls inside the ops week he would take.
    expect(JSON.stringify(swapCard)).toContain('⚠ Bob Baker would be on duty in both Night on call and Op of the Week Mon 7 Dec 20:00 GMT+1 – Tue 8 Dec 08:00 GMT+1');
    expect((await click('bob', 'swap.accept', { swapId })).status).toBe(200);

    const text = lastText(await say('bob', 'time off 2026-12-07 to 2026-12-13'));
    expect(text).toMatch(/^Time off recorded for Bob Baker: Mon 7 Dec – Sun 13 Dec \(Europe\/Berlin\)\. These shifts moved:\n/);
    expect(text).toContain(
      '⚠ You are still on duty in this stretch while away:\n- **Op of the Week** Mon 7 Dec 12:00 GMT+1 – Mon 14 Dec 12:00 GMT+1, from a swap with <at>Alice Archer</at>: cancel it or find someone (cover @person …)',
    );
    const listed = text.split('\n').filter((l) => l.startsWith('- **') && !l.includes('Op of the Week'));
    expect(listed).toHaveLength(12);
    expect(text).toMatch(/\n- …and \d+ more: say "schedule 4 weeks" to see them all\./);
  });

  it('cover says exactly which stretch changed hands and which had someone else on duty', async () => {
    // The case: Alice has MRO on Thu 3 Dec (09:00 → Fri 09:00) and asks Carol to cover "2 to 3 Dec" (whole days).
    const text = lastText(await say('alice', 'cover <at>Carol Cook</at> 2026-12-02 to 2026-12-03 mro', ['carol']));
    expect(text).toMatch(
      /^Done: <at>Carol Cook<\/at> covers \*\*MRO \/ Interrupt\*\*:\n- Thu 3 Dec 09:00 GMT\+1 – Fri 4 Dec 00:00 GMT\+1 instead of <at>Alice Archer<\/at>\n\nNot changed, someone else is on duty there:\n- Wed 2 Dec 00:00 GMT\+1 – Wed 2 Dec 09:00 GMT\+1: \S+\n- Wed 2 Dec 09:00 GMT\+1 – Thu 3 Dec 09:00 GMT\+1: \S+$/,
    );
    // Noon is outside the night window: a cover there would hand over nothing, so it is refused and not written.
    const overrides = Number((await t.db('overrides').count({ n: '*' }).first())!.n);
    const noon = lastText(await say('erin', 'cover <at>Carol Cook</at> 2026-12-02 12:00 to 2026-12-02 13:00 night', ['carol']));
    expect(noon).toBe('Nothing would change: nobody is on duty in Night on call then. Nothing was written.');
    expect(Number((await t.db('overrides').count({ n: '*' }).first())!.n)).toBe(overrides);
  });

  it('time off over 60 days is confirmed on a card first, then recorded exactly as shown', async () => {
    const before = Number((await t.db('time_off').count({ n: '*' }).first())!.n);
    const sent = await say('carol', 'time off 2026-12-20 to 2036-12-20');
    const card = sent.flatMap((r) => cardsIn(r.body))[0] as { body: Array<{ text: string }>; actions: Array<{ verb: string; data: Record<string, unknown> }> };
    expect(card.body[1]!.text).toBe('Sun 20 Dec – Sat 20 Dec 2036: 3654 days. Long ranges are confirmed first, in case of a typo in a date.');
    expect(Number((await t.db('time_off').count({ n: '*' }).first())!.n)).toBe(before);
    const confirm = card.actions.find((a) => a.verb === 'timeoff.confirm')!;
    const res = await click('carol', 'timeoff.confirm', confirm.data);
    expect(res.status).toBe(200);
    expect(lastText(res.sent)).toMatch(/^Time off recorded for Carol Cook: Sun 20 Dec – Sat 20 Dec 2036 \(Europe\/Berlin\)\./);
    expect(Number((await t.db('time_off').count({ n: '*' }).first())!.n)).toBe(before + 1);
  });
});
