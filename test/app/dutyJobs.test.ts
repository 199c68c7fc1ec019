import { afterEach, describe, expect, it } from 'vitest';
import { DutyJobs } from '../../app/jobs/duties.js';
import { snapshot, type PersonRef } from '../../app/usecases/context.js';
import { PersonUnreachable } from '../../app/usecases/conversations.js';
import type { DutyCardView, DutyPoster } from '../../app/usecases/dutyCards.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, type ChatWorld } from './chatWorld.js';

/** A clock for jobs whose sends take no time: each send is at the tick's `now` (the jobs never go earlier). */
const sendsTakeNoTime = () => 0;

// Night on call is on duty 20:00–08:00 only (an `hours` window), Dave on Tue 1 Dec 2026; Pair has two on duty.
const FILE = `timezone: Europe/Berlin
rotations:
  - id: night
    name: Night on call
    start: 2026-01-05
    every: 1d
    handoff: "08:00"
    hours: "20:00-08:00"
    members: [bob@contoso.com, carol@contoso.com, dave@contoso.com, heidi@contoso.com]
    duties:
      - { at: "12:00", task: "Read the day's incidents before the night" }
  - id: pair
    name: Pair
    start: 2026-11-30
    every: 1w
    handoff: "Mon 09:00"
    onDuty: 2
    members: [alice@contoso.com, bob@contoso.com]
    duties:
      - { at: "Tue 10:00", task: "Review the week's on-call pages" }
`;

/** A poster that records who got which card; `unreachable` people are refused as Teams refuses them (403). */
function recordingPoster(unreachable: string[] = []): DutyPoster & { sent: Array<[string, string]> } {
  let n = 0;
  const sent: Array<[string, string]> = [];
  return {
    sent,
    async sendToPerson(view: DutyCardView, to: PersonRef) {
      if (unreachable.includes(to.email)) throw new PersonUnreachable(to.email, `Rota is not installed for ${to.email} in Teams`);
      sent.push([to.email, view.data.occurrence.task]);
      return { conversationId: `a:chat-${to.email}`, activityId: `act-${++n}` };
    },
    async postToChannel() {
      return undefined;
    },
  };
}

const log = { info: () => undefined, warn: () => undefined };

describe.each(ENGINES)('the duties job (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  it('a duty in an `hours` gap goes to whoever is on duty next; with onDuty: 2 each of the two gets the card', async () => {
    w = await chatWorld(engine, FILE);
    const poster = recordingPoster();
    const jobs = new DutyJobs({ deps: w.deps, poster, holder: 'a', clock: sendsTakeNoTime, log });
    await jobs.tick(await snapshot(w.deps), berlin('2026-12-01 10:00'));
    await jobs.tick(await snapshot(w.deps), berlin('2026-12-01 12:00'));
    expect(poster.sent).toEqual([
      ['alice@contoso.com', "Review the week's on-call pages"],
      ['bob@contoso.com', "Review the week's on-call pages"],
      ['dave@contoso.com', "Read the day's incidents before the night"],
    ]);
  });

  it('someone Teams refuses: recorded undelivered with the reason; a claim left by a stopped Rota is sent by the next one', async () => {
    w = await chatWorld(engine, FILE);
    const first = new DutyJobs({ deps: w.deps, poster: recordingPoster(['dave@contoso.com']), holder: 'a', clock: sendsTakeNoTime, log });
    await first.tick(await snapshot(w.deps), berlin('2026-12-01 12:00'));
    const night = await w.t.db('duty_runs').where({ rotation_id: 'night', due_at: berlin('2026-12-01 12:00') }).first();
    expect([night.state, night.note]).toEqual(['undelivered', 'dave@contoso.com: Rota is not installed for dave@contoso.com in Teams']);

    // A Rota that claimed Tuesday's pair duty and stopped before sending it.
    const due = berlin('2026-12-08 10:00');
    await w.deps.stores.duties.claim({ key: 'duty:pair:x:2026-12-08', rotationId: 'pair', dueAt: due, late: false, assignees: ['alice@contoso.com'], detail: {
      occurrence: { key: 'duty:pair:x:2026-12-08', rotation: 'pair', dutyId: 'x', date: '2026-12-08', at: due, task: 'Stopped half-way', post: 'personal' },
      rotation: { id: 'pair', name: 'Pair', timezone: 'Europe/Berlin' },
    } }, 'gone', due);
    const poster = recordingPoster();
    await new DutyJobs({ deps: w.deps, poster, holder: 'b', clock: sendsTakeNoTime, log }).tick(await snapshot(w.deps), due + 60_000);
    expect(poster.sent.filter(([, task]) => task === 'Stopped half-way')).toEqual([]); // a minute old: its holder may still be sending
    await new DutyJobs({ deps: w.deps, poster, holder: 'b', clock: sendsTakeNoTime, log }).tick(await snapshot(w.deps), due + 11 * 60_000); // past STALE_CLAIM_MS (10 min): its holder stopped
    expect(poster.sent.filter(([, task]) => task === 'Stopped half-way')).toEqual([['alice@contoso.com', 'Stopped half-way']]);
    expect(await w.t.db('duty_runs').where({ key: 'duty:pair:x:2026-12-08' }).pluck('state')).toEqual(['posted']);
  });
});
