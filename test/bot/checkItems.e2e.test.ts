import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installActivity, teamsMessage, TEAM_1 } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, type BotWorld } from './botHarness.js';
import { CHECKS_FILE, cardTexts, channelTexts, checkCards, SAT_0830 } from './checkWorld.js';

// The checks world with open items and duties: Op of the Week escalates to Dev of the Week (Frank, all month); a
// backup check every day at 08:30 and the release candidate on Saturdays at 18:00.
const FILE = `${CHECKS_FILE.replace('    morningCheck: "09:00"', '    escalation: dev\n    duties:\n      - { at: "08:30", task: "Check the nightly backup report" }\n      - { at: "Sat 18:00", task: "Push the release candidate" }\n    morningCheck: "09:00"')}  - id: dev
    name: Dev of the Week
    start: 2026-03-02
    every: 4w
    handoff: "Mon 09:00"
    members: [frank@contoso.com]
`;
const Z = (iso: string) => Date.parse(iso);

describe.each(ENGINES)('checks with open items, escalations and duties (%s)', (engine) => {
  let w: BotWorld;
  const say = async (who: keyof typeof PEOPLE, text: string) => {
    const p = PEOPLE[who];
    const mark = w.h.mark();
    await w.h.post(teamsMessage({ serviceUrl: w.connector.url, text, from: { id: p.id, name: p.name, aadObjectId: p.aadObjectId }, conversation: { id: `a:chat-${who}`, conversationType: 'personal' } }));
    return w.h.since(mark).flatMap((r) => (typeof r.body.text === 'string' ? [r.body.text] : []));
  };
  const tick = async (at: number) => {
    w.h.clock.now = at;
    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(at);
    return w.h.since(mark);
  };

  beforeAll(async () => {
    w = await startBot(engine, Object.values(PEOPLE), { file: FILE, now: SAT_0830 });
    await w.h.post(installActivity(w.connector.url, { team: TEAM_1, channel: '19:ops@thread.tacv2' }));
    for (const who of ['alice', 'bob', 'frank'] as const) await say(who, 'my shifts');
  });
  afterAll(() => stopBot(w));

  it('the evening form is pre-filled with the open items; unanswered, they go to the channel as they stand', async () => {
    w.h.clock.now = Z('2026-03-28T10:00:00Z'); // Sat 11:00: Bob has the day
    expect((await say('bob', 'item add Disk on db-2 fills up'))[0]).toMatch(/^Added \*\*#1\*\* to \*\*Op of the Week\*\*/);
    expect((await say('bob', 'escalate Payments API slow'))[0]).toMatch(/^Escalated as \*\*#2\*\* to <at>Frank Fisher<\/at>/);

    const [form] = checkCards(await tick(Z('2026-03-28T16:30:00Z')), 'Evening check');
    const status = (form!.card as { body: Array<{ id?: string; value?: string }> }).body.find((b) => b.id === 'status');
    expect(status!.value).toBe('#1 Disk on db-2 fills up (Bob Baker)\n#2 Payments API slow (Bob Baker)');
    expect(channelTexts(await tick(Z('2026-03-28T17:30:00Z')))).toEqual([
      'Evening check — Op of the Week, Sat 28 Mar: not answered by Bob Baker within an hour. Open items as they stand:\n#1 Disk on db-2 fills up (Bob Baker)\n#2 Payments API slow (Bob Baker)',
    ]);
  });

  it("the next morning: the items passed to Alice at the handoff, today's duties, and what was opened, escalated and missed since the last check", async () => {
    const sent = checkCards(await tick(Z('2026-03-29T07:00:00Z')), 'Morning check');
    expect(sent.map((s) => s.to)).toEqual(['a:chat-alice']);
    expect(cardTexts(sent[0]!.card)).toEqual([
      'Morning check — Op of the Week, Sun 29 Mar',
      '**Open items**',
      '#1 Disk on db-2 fills up (Alice Archer)\n\n#2 Payments API slow (Alice Archer)',
      "**Today's duties**",
      '08:30 Check the nightly backup report — open (late)', // 08:30 CEST is 06:30Z: its card went out late, at this tick
      '**Handed over by Bob Baker**',
      '_No handover notes were written._',
      '**Since the last check (Sat 28 Mar 09:00 GMT+1)**',
      // Saturday's 18:00 duty was sent to Bob and not answered by the end of his day.
      'Opened: #1 Disk on db-2 fills up (Alice Archer)\n\nEscalated: #2 Payments API slow (Alice Archer) → Frank Fisher\n\nMissed: Sat 28 Mar 18:00 Push the release candidate',
    ]);
  });
});
