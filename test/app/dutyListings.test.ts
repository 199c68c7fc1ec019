import { afterEach, describe, expect, it } from 'vitest';
import { DutyJobs } from '../../app/jobs/duties.js';
import { snapshot, type PersonRef } from '../../app/usecases/context.js';
import { PersonUnreachable } from '../../app/usecases/conversations.js';
import type { DutyPoster } from '../../app/usecases/dutyCards.js';
import { dutiesInChat } from '../../app/usecases/dutyList.js';
import { dayWindow, dutyRecord } from '../../app/usecases/dutyRecord.js';
import { dutyDayText, dutyLineState } from '../../app/usecases/dutyText.js';
import { shiftDuties } from '../../app/usecases/handoffDuties.js';
import { HandoffData } from '../../app/usecases/handoffPosts.js';
import { rotationLoad } from '../../app/usecases/interruptLoad.js';
import { dutyRecordTexts } from '../../bot/handoffDutiesCard.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, type ChatWorld } from './chatWorld.js';
import { pairFile, quietLog as log } from './dutyPair.js';

// Alice and bob share the week of Mon 30 Nov 2026. Tue 1 Dec: at 10:00 Teams refuses bob's card (alice has hers);
// at 11:00 it refuses both. Nobody answers either.
const FILE = pairFile([
  '{ at: "Tue 10:00", task: "Review the pages" }',
  '{ at: "Tue 11:00", task: "Rotate the keys" }',
]);
const NOT_INSTALLED = (e: string) => `Rota is not installed for ${e} in Teams`;

function refusing(refused: string[]): DutyPoster {
  return {
    async sendToPerson(_view, to: PersonRef) {
      if (refused.includes(to.email)) throw new PersonUnreachable(to.email, NOT_INSTALLED(to.email));
      return { conversationId: `a:chat-${to.email}`, activityId: `act-${to.email}` };
    },
    async postToChannel() {
      return undefined;
    },
  };
}

const BOB_REFUSED = 'bob@contoso.com: Rota is not installed for bob@contoso.com in Teams';
const BOTH_REFUSED = 'alice@contoso.com: Rota is not installed for alice@contoso.com in Teams; bob@contoso.com: Rota is not installed for bob@contoso.com in Teams';

describe.each(ENGINES)('listings of a duty card that did not reach everyone (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  async function sendTuesday() {
    w = await chatWorld(engine, FILE);
    for (const [at, refused] of [['2026-12-01 10:00', ['bob@contoso.com']], ['2026-12-01 11:00', ['alice@contoso.com', 'bob@contoso.com']]] as const) {
      const jobs = new DutyJobs({ deps: w.deps, poster: refusing([...refused]), holder: 'a', clock: () => berlin(at), log });
      await jobs.tick(await snapshot(w.deps), berlin(at));
    }
    return (await snapshot(w.deps)).rotations.find((r) => r.id === 'pair')!;
  }

  it('duties in chat and the morning check name only who has the card, and say why the rest did not get it', async () => {
    const pair = await sendTuesday();
    const day = await dutiesInChat(w.deps, berlin('2026-12-01 11:05'), '');
    expect(day.ok && day.value.map(dutyDayText)).toEqual([
      [
        '**Pair** duties on Tue 1 Dec 2026 (Europe/Berlin):',
        `- 10:00 Review the pages: open · to alice@contoso.com · not delivered: ${BOB_REFUSED}`,
        `- 11:00 Rotate the keys: open · not delivered: ${BOTH_REFUSED}`,
      ].join('\n'),
    ]);
    const { from, to } = dayWindow('Europe/Berlin', '2026-12-01');
    const lines = await dutyRecord(w.deps, pair, from, to, berlin('2026-12-01 11:05'));
    expect(lines.map((l) => dutyLineState(l, 'Europe/Berlin'))).toEqual([`open · not delivered: ${BOB_REFUSED}`, `open · not delivered: ${BOTH_REFUSED}`]);
  });

  it('the handoff card says for whom a missed duty was, or that it was not delivered and why', async () => {
    const pair = await sendTuesday();
    const duties = await shiftDuties(w.deps, pair, berlin('2026-11-30 09:00'), berlin('2026-12-07 09:00'), berlin('2026-12-07 09:01'));
    const h = HandoffData.parse({
      key: 'handoff:pair:1', rotation: { id: 'pair', name: 'Pair', timezone: 'Europe/Berlin' }, channel: { team: 'g-1', id: '19:p@thread.tacv2' },
      at: berlin('2026-12-07 09:00'), outgoing: [], incoming: [], openItems: [], duties,
    });
    expect(dutyRecordTexts(h, 5)[1]).toBe(
      [
        `❌ Missed: Review the pages (Tue 1 Dec 10:00 GMT+1), for alice@contoso.com: not delivered: ${BOB_REFUSED}`,
        `❌ Missed: Rotate the keys (Tue 1 Dec 11:00 GMT+1): not delivered: ${BOTH_REFUSED}`,
      ].join('\n'),
    );
  });

  it('stats: the card alice had and nobody answered is her miss, not bob\'s; the one that reached nobody counts in the total only', async () => {
    const pair = await sendTuesday();
    const load = await rotationLoad(w.deps, pair, ['alice@contoso.com', 'bob@contoso.com'], berlin('2026-11-30 00:00'), berlin('2026-12-07 00:00'), berlin('2026-12-07 12:00'));
    expect([load.total.dutiesMissed, load.members.map((m) => [m.person.email, m.load.dutiesMissed])]).toEqual([2, [['alice@contoso.com', 1], ['bob@contoso.com', 0]]]);
  });
});
