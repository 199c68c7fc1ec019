import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsMessage, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { installInTeam, PEOPLE, startBot, stopBot, type BotWorld } from './botHarness.js';

/** The example file's four rotations, without the time off, overrides, holidays and `avoid` that the answers below do not test. */
const FILE = `timezone: Europe/Berlin
rotations:
  - { id: ops, name: Op of the Week, start: 2026-01-05, every: 1w, handoff: "Mon 12:00", escalation: dev,
      members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com] }
  - { id: mro, name: MRO / Interrupt, start: 2026-01-05, every: 1d, handoff: "09:00", days: [Mon, Tue, Wed, Thu, Fri],
      members: [alice@contoso.com, bob@contoso.com, frank@contoso.com, grace@contoso.com, heidi@contoso.com] }
  - { id: dev, name: Dev of the Week, start: 2026-01-05, every: 1w, handoff: "Mon 09:00", members: [frank@contoso.com, grace@contoso.com] }
  - { id: night, name: Night on call, start: 2026-01-05, every: 1d, handoff: "08:00", hours: "20:00-08:00", escalation: ops,
      members: [bob@contoso.com, carol@contoso.com, dave@contoso.com, heidi@contoso.com] }
`;

/**
 * Tuesday 1 December 2026, 10:00 in Berlin. Worked out by hand from the file (weeks and days since Mon 5 Jan):
 * ops: dave Mon 30 Nov 12:00 – Mon 7 Dec, alice to 14 Dec, bob to 21 Dec, carol to 28 Dec.
 * mro (weekday shifts, Friday's to Monday): Tue 1 bob, Wed 2 frank, Thu 3 grace, Fri 4 heidi, Mon 7 alice, Tue 8 bob;
 *   Mon 21 alice, Tue 22 bob, Wed 23 frank, Thu 24 grace, Fri 25 heidi.
 * dev: grace Mon 30 Nov 09:00 – Mon 7 Dec; frank 21–28 Dec. night (20:00–08:00, the shift named by its evening):
 *   Tue 1 dave, Wed 2 heidi, Thu 3 bob, Fri 4 carol; Wed 23 bob, Thu 24 carol.
 */
const TUESDAY = Date.parse('2026-12-01T09:00:00Z');

const texts = (sent: RecordedRequest[]) => sent.filter((r) => typeof r.body.text === 'string').map((r) => r.body.text as string);

describe.each(ENGINES)('questions a person can guess, end to end on %s', (engine) => {
  let w: BotWorld;
  const ask = async (who: keyof typeof PEOPLE, text: string, mentions: Array<keyof typeof PEOPLE> = []) => {
    const mark = w.h.mark();
    const p = PEOPLE[who];
    const res = await w.h.post(
      teamsMessage({
        serviceUrl: w.connector.url,
        text,
        from: { id: p.id, name: p.name, aadObjectId: p.aadObjectId },
        conversation: { id: `a:chat-${who}`, conversationType: 'personal' },
        mentions: mentions.map((m) => ({ id: PEOPLE[m].id, name: PEOPLE[m].name })),
      }),
    );
    expect(res.status).toBe(200);
    return w.h.since(mark);
  };
  const answer = async (text: string) => texts(await ask('erin', text));

  beforeAll(async () => {
    w = await startBot(engine, Object.values(PEOPLE), FILE);
    await installInTeam(w.h, w.connector); // people mentioned in a 1:1 chat are looked up through the team
    w.h.clock.now = TUESDAY;
  });
  afterAll(() => stopBot(w));

  it('"who is the op of the week?": the rotation by its name, "the" dropped, now', async () => {
    expect(await answer('who is the op of the week?')).toEqual([
      '**Op of the Week**: dave@contoso.com since Mon 30 Nov 12:00 GMT+1 until Mon 7 Dec 12:00 GMT+1; next: alice@contoso.com from Mon 7 Dec 12:00 GMT+1; escalation (Dev of the Week): grace@contoso.com',
    ]);
  });

  it('"who ops tomorrow": a date alone is 09:00 that day, and the answer says so', async () => {
    expect(await answer('who ops tomorrow')).toEqual([
      'On Wed 2 Dec 09:00 GMT+1, **Op of the Week**: dave@contoso.com since Mon 30 Nov 12:00 GMT+1 until Mon 7 Dec 12:00 GMT+1; next: alice@contoso.com from Mon 7 Dec 12:00 GMT+1; escalation (Dev of the Week): grace@contoso.com',
    ]);
  });

  it('"who is on call for mro next monday"', async () => {
    expect(await answer('who is on call for mro next monday')).toEqual([
      'On Mon 7 Dec 09:00 GMT+1, **MRO / Interrupt**: alice@contoso.com since Mon 7 Dec 09:00 GMT+1 until Tue 8 Dec 09:00 GMT+1; next: bob@contoso.com from Tue 8 Dec 09:00 GMT+1',
    ]);
  });

  it('"who\'s on call for night at 23:00": tonight, within the on-duty window, with the escalation then', async () => {
    expect(await answer("who's on call for night at 23:00")).toEqual([
      'On Tue 1 Dec 23:00 GMT+1, **Night on call**: dave@contoso.com since Tue 1 Dec 20:00 GMT+1 until Wed 2 Dec 08:00 GMT+1 ⚠ dave@contoso.com is also on duty in Op of the Week; next: heidi@contoso.com from Wed 2 Dec 20:00 GMT+1; escalation (Op of the Week): dave@contoso.com',
    ]);
  });

  it('"who is on call on 24 Dec": every rotation at that time, in id order', async () => {
    expect(await answer('who is on call on 24 Dec')).toEqual([
      [
        'On Thu 24 Dec 09:00 GMT+1:',
        '**Dev of the Week**: frank@contoso.com since Mon 21 Dec 09:00 GMT+1 until Mon 28 Dec 09:00 GMT+1; next: grace@contoso.com from Mon 28 Dec 09:00 GMT+1',
        '**MRO / Interrupt**: grace@contoso.com since Thu 24 Dec 09:00 GMT+1 until Fri 25 Dec 09:00 GMT+1; next: heidi@contoso.com from Fri 25 Dec 09:00 GMT+1',
        '**Night on call**: nobody then; next: carol@contoso.com from Thu 24 Dec 20:00 GMT+1; escalation (Op of the Week): carol@contoso.com',
        '**Op of the Week**: carol@contoso.com since Mon 21 Dec 12:00 GMT+1 until Mon 28 Dec 12:00 GMT+1; next: dave@contoso.com from Mon 28 Dec 12:00 GMT+1; escalation (Dev of the Week): frank@contoso.com',
      ].join('\n\n'),
    ]);
  });

  it('a rotation by a word of its name ("interrupt") or a prefix ("night on"), the time first or "tonight"; today is now', async () => {
    expect(await answer('who is on call tomorrow for interrupt')).toEqual([
      'On Wed 2 Dec 09:00 GMT+1, **MRO / Interrupt**: frank@contoso.com since Wed 2 Dec 09:00 GMT+1 until Thu 3 Dec 09:00 GMT+1; next: grace@contoso.com from Thu 3 Dec 09:00 GMT+1',
    ]);
    expect(await answer('who night tonight')).toEqual([
      'On Tue 1 Dec 22:00 GMT+1, **Night on call**: dave@contoso.com since Tue 1 Dec 20:00 GMT+1 until Wed 2 Dec 08:00 GMT+1 ⚠ dave@contoso.com is also on duty in Op of the Week; next: heidi@contoso.com from Wed 2 Dec 20:00 GMT+1; escalation (Op of the Week): dave@contoso.com',
    ]);
    expect(await answer('who ops today')).toEqual([
      '**Op of the Week**: dave@contoso.com since Mon 30 Nov 12:00 GMT+1 until Mon 7 Dec 12:00 GMT+1; next: alice@contoso.com from Mon 7 Dec 12:00 GMT+1; escalation (Dev of the Week): grace@contoso.com',
    ]);
    expect(await answer('who night on')).toEqual([
      '**Night on call**: nobody right now; next: dave@contoso.com from Tue 1 Dec 20:00 GMT+1; escalation (Op of the Week): dave@contoso.com',
    ]);
  });

  it('"who was on call yesterday for ops": a past time, the stretch that was in force', async () => {
    expect(await answer('who was on call yesterday for ops')).toEqual([
      'On Mon 30 Nov 09:00 GMT+1, **Op of the Week**: carol@contoso.com since Mon 23 Nov 12:00 GMT+1 until Mon 30 Nov 12:00 GMT+1; next: dave@contoso.com from Mon 30 Nov 12:00 GMT+1; escalation (Dev of the Week): grace@contoso.com',
    ]);
  });

  it('an unclear or unknown rotation is named, with the rotations there are', async () => {
    const known = 'Rotations here: dev (Dev of the Week), mro (MRO / Interrupt), night (Night on call), ops (Op of the Week).';
    expect(await answer('who is on call for week')).toEqual([`"week" could be dev (Dev of the Week) or ops (Op of the Week): which one? ${known}`]);
    expect(await answer('who is on call for mor tomorrow')).toEqual([`I know no rotation "mor". ${known}`]);
    expect(await answer('who is on call for mro nxt tuesday')).toEqual(["I could not read 'nxt tuesday' as a date; try 2026-03-10 or 'next Tuesday'"]);
  });

  it('"is bob on call tomorrow?": yes, with the stretch that reaches into that day', async () => {
    expect(await answer('is bob on call tomorrow?')).toEqual(['Yes: bob@contoso.com is on call on Wed 2 Dec: **MRO / Interrupt** Tue 1 Dec 09:00 GMT+1 – Wed 2 Dec 09:00 GMT+1.']);
  });

  it('"is bob@contoso.com on call on 24 Dec": the night before reaches into the day', async () => {
    expect(await answer('is bob@contoso.com on call on 24 Dec')).toEqual(['Yes: bob@contoso.com is on call on Thu 24 Dec: **Night on call** Wed 23 Dec 20:00 GMT+1 – Thu 24 Dec 08:00 GMT+1.']);
  });

  it('no, with the next stretch; an address in no rotation; a name nobody has', async () => {
    expect(await answer('is carol on call tomorrow')).toEqual(['No: carol@contoso.com is not on call on Wed 2 Dec. Next: **Night on call** Fri 4 Dec 20:00 GMT+1 – Sat 5 Dec 08:00 GMT+1.']);
    expect(await answer('is carol on call for mro')).toEqual(['No: carol@contoso.com is not a member of **MRO / Interrupt**.']);
    expect(await answer('is heidi on call at 23:00')).toEqual(['No: heidi@contoso.com is not on call at Tue 1 Dec 23:00 GMT+1. Next: **Night on call** Wed 2 Dec 20:00 GMT+1 – Thu 3 Dec 08:00 GMT+1.']);
    expect(await answer('is bob on call at 23:00')).toEqual(['Yes: bob@contoso.com is on call at Tue 1 Dec 23:00 GMT+1: **MRO / Interrupt** Tue 1 Dec 09:00 GMT+1 – Wed 2 Dec 09:00 GMT+1.']);
    expect(await answer('is zoe@contoso.com on call')).toEqual(['No: zoe@contoso.com is in no rotation here.']);
    expect(await answer('is zoe on call')).toEqual(['I know no member called "zoe": write their e-mail address or @mention them.']);
  });

  it('"am I on call tomorrow?": the asker, every stretch in time order', async () => {
    expect(texts(await ask('dave', 'am I on call tomorrow?'))).toEqual([
      ['Yes: Dave Dunn is on call on Wed 2 Dec:', '- **Op of the Week** Mon 30 Nov 12:00 GMT+1 – Mon 7 Dec 12:00 GMT+1', '- **Night on call** Tue 1 Dec 20:00 GMT+1 – Wed 2 Dec 08:00 GMT+1'].join('\n'),
    ]);
  });

  it('"is @Bob on call on thursday": a mention, answered with his Teams name and no ping', async () => {
    const sent = await ask('erin', 'is <at>Bob Baker</at> on call on thursday?', ['bob']);
    expect(texts(sent)).toEqual(['Yes: Bob Baker is on call on Thu 3 Dec: **Night on call** Thu 3 Dec 20:00 GMT+1 – Fri 4 Dec 08:00 GMT+1.']);
    expect(sent[0]!.body.entities ?? []).toEqual([]);
  });

  it('unknown phrasing: the nearest command and the help card, always', async () => {
    const sent = await ask('erin', 'when is my next shift');
    expect(texts(sent)).toEqual(['I did not understand "when is my next shift". Did you mean **my shifts**? Here is what I can do:']);
    expect(JSON.stringify(sent[1]!.body.attachments)).toContain('stats [rotation] [N weeks]');
    expect(texts(await ask('erin', 'make me a sandwich'))[0]).toMatch(/^I did not understand "make me a sandwich"\. Did you mean \*\*\w[\w ]*\*\*\? Here is what I can do:$/);
  });

  it('"stats dev": on-duty hours over the last 4 weeks, from the rotation core', async () => {
    // Tue 3 Nov 10:00 – Tue 1 Dec 10:00 (672 h). grace: 3 Nov 10:00 – 9 Nov 09:00 (143 h), 16–23 Nov (168 h),
    // 30 Nov 09:00 – 1 Dec 10:00 (25 h); frank: 9–16 and 23–30 Nov. Two weekends each; shifts that began in the window.
    expect(await answer('stats dev')).toEqual([
      [
        '**Dev of the Week**, last 4 weeks (Tue 3 Nov 10:00 GMT+1 – Tue 1 Dec 10:00 GMT+1):',
        '- frank@contoso.com: 336 h on duty, 2 shifts, 50% of the on-duty hours, 50% of capacity; 96 h at weekends',
        '- grace@contoso.com: 336 h on duty, 2 shifts, 50% of the on-duty hours, 50% of capacity; 96 h at weekends',
        // Each has one 24 h MRO day in each of their two dev weeks (dev is exclusive in this file).
        '⚠ frank@contoso.com was on duty in MRO / Interrupt at the same time for 48 h.',
        '⚠ grace@contoso.com was on duty in MRO / Interrupt at the same time for 48 h.',
        "Share of the on-duty hours: each member's part of the hours someone was on duty. Share of capacity: each member's part of the hours the members were available (in the roster, not on time off). Both add up to 100 %.",
        'Interrupt load: no duties or items yet.', // issue #12: no duty ran and no item was opened in this file
      ].join('\n'),
    ]);
  });

  it('"stats for op of the week next 2 weeks": the coming weeks, heaviest first', async () => {
    // Tue 1 Dec 10:00 – Tue 15 Dec 10:00 (336 h): dave to 7 Dec 12:00 (146 h, begun before), alice 7–14 Dec (168 h),
    // bob 14 Dec 12:00 – 15 Dec 10:00 (22 h), carol nothing.
    expect(await answer('stats for op of the week next 2 weeks')).toEqual([
      [
        '**Op of the Week**, coming 2 weeks (Tue 1 Dec 10:00 GMT+1 – Tue 15 Dec 10:00 GMT+1):',
        '- alice@contoso.com: 168 h on duty, 1 shift, 50% of the on-duty hours, 25% of capacity; 48 h at weekends', // 168, 146, 22, 0 of 336 h: 50, 43.45, 6.55, 0 → 50, 43.5, 6.5, 0 (largest remainder)
        '- Dave Dunn: 146 h on duty, 0 shifts, 43.5% of the on-duty hours, 25% of capacity; 48 h at weekends',
        '- Bob Baker: 22 h on duty, 1 shift, 6.5% of the on-duty hours, 25% of capacity', // known by name since the mention above
        '- carol@contoso.com: 0 h on duty, 0 shifts, 0% of the on-duty hours, 25% of capacity',
        // Alice's Monday MRO days: 7 Dec 12:00 → 8 Dec 09:00 (21 h) and 14 Dec 09:00 → 12:00 (3 h); Dave's nights of
        // 1 and 5 Dec (12 h each) in his ops week; Bob's Tuesday MRO from 15 Dec 09:00 to the window's end at 10:00.
        '⚠ alice@contoso.com was on duty in MRO / Interrupt at the same time for 24 h.',
        '⚠ Dave Dunn was on duty in Night on call at the same time for 24 h.',
        '⚠ Bob Baker was on duty in MRO / Interrupt at the same time for 1 h.',
        "Share of the on-duty hours: each member's part of the hours someone was on duty. Share of capacity: each member's part of the hours the members were available (in the roster, not on time off). Both add up to 100 %.",
      ].join('\n'),
    ]);
    expect(await answer('stats 60 weeks')).toEqual(['weeks: expected 1 to 52, got 60 ("stats 8 weeks")']);
  });
});
