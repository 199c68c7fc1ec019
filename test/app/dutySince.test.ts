import { afterEach, describe, expect, it } from 'vitest';
import { DutyJobs } from '../../app/jobs/duties.js';
import { snapshot } from '../../app/usecases/context.js';
import type { DutyPoster } from '../../app/usecases/dutyCards.js';
import { dutyRecord } from '../../app/usecases/dutyRecord.js';
import { dutiesSince } from '../../app/usecases/dutySince.js';
import type { RotationDef } from '../../rotation/schedule.js';
import { parseRotationFile } from '../../rotation/file.js';
import { dutyId } from '../../rotation/index.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, type ChatWorld } from './chatWorld.js';

/** A clock for jobs whose sends take no time: each send is at the tick's `now` (the jobs never go earlier). */
const sendsTakeNoTime = () => 0;

const DAY = 86_400_000;
const NIGHT = `timezone: Europe/Berlin
rotations:
  - id: night
    name: Night on call
    start: 2026-01-05
    every: 1d
    handoff: "08:00"
    members: [bob@contoso.com, carol@contoso.com, dave@contoso.com, heidi@contoso.com]
    duties:
      - { at: "12:00", task: "Read the day's incidents" }
`;
const WITH_COFFEE = NIGHT.replace('    duties:\n', '    duties:\n      - { at: "09:00", task: "Check the coffee machine" }\n');

function poster(): DutyPoster & { sent: Array<[string, string]> } {
  const sent: Array<[string, string]> = [];
  return {
    sent,
    async sendToPerson(view, to) {
      sent.push([to.email, `${view.data.occurrence.date} ${view.data.occurrence.task}`]);
      return { conversationId: `a:chat-${to.email}`, activityId: `act-${sent.length}` };
    },
    async postToChannel() {
      return undefined;
    },
  };
}
const log = { info: () => undefined, warn: () => undefined };

describe('dutiesSince: from when each duty of the latest version counts', () => {
  const def = (duties: Array<{ at: string; task: string }>) => ({ duties }) as unknown as RotationDef;
  const a = { at: '09:00', task: 'A' };
  const b = { at: '10:00', task: 'B' };
  it('the oldest of the latest versions holding it; a duty removed and added again counts from its return', () => {
    const since = dutiesSince({
      versions: [
        { from: -1, definition: def([a]), recordedAt: 100 },
        { from: 500, definition: def([a, b]), recordedAt: 200 },
        { from: 900, definition: def([b]), recordedAt: 300 },
        { from: 1200, definition: def([a, b]), recordedAt: 400 },
      ],
    });
    expect([since.get(dutyId(a)), since.get(dutyId(b)), since.size]).toEqual([400, 200, 2]);
  });
});

describe.each(ENGINES)('a duty that did not exist then is not missed (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  it('Rota first started at 11:00: neither yesterday 12:00 nor this morning is recorded; today 12:00 is sent', async () => {
    const created = berlin('2026-12-01 11:00');
    w = await chatWorld(engine, WITH_COFFEE, created + 30 * DAY);
    const p = poster();
    const jobs = new DutyJobs({ deps: w.deps, poster: p, holder: 'a', clock: sendsTakeNoTime, log });
    await jobs.tick(await snapshot(w.deps), berlin('2026-12-01 11:01'));
    expect(await w.t.db('duty_runs').pluck('key')).toEqual([]);
    await jobs.tick(await snapshot(w.deps), berlin('2026-12-01 12:00'));
    await jobs.tick(await snapshot(w.deps), berlin('2026-12-02 09:00'));
    // Tue 1 Dec is Dave's day (night rotation from Mon 5 Jan: bob, carol, dave, heidi), Wed 2 Dec Heidi's.
    expect(p.sent).toEqual([
      ['dave@contoso.com', "2026-12-01 Read the day's incidents"],
      ['heidi@contoso.com', '2026-12-02 Check the coffee machine'],
    ]);
  });

  it('a duty added at 11:00 is not missed at 09:00 that day, nor the day before; the record leaves them out', async () => {
    w = await chatWorld(engine, NIGHT);
    const p = poster();
    const jobs = new DutyJobs({ deps: w.deps, poster: p, holder: 'a', clock: sendsTakeNoTime, log });
    await jobs.tick(await snapshot(w.deps), berlin('2026-11-30 12:00'));
    const file = parseRotationFile(WITH_COFFEE);
    if (!file.ok) throw new Error('file');
    await w.deps.service.applyFile(file.value, { actor: 'test', source: 'file', now: berlin('2026-12-01 11:00') });
    await jobs.tick(await snapshot(w.deps), berlin('2026-12-01 11:01'));
    // Sunday's was missed (Rota first ran on Monday at 12:00, with the duty in the file for a month); no coffee runs.
    const runs = await w.t.db('duty_runs').orderBy('due_at').select('due_at', 'state');
    expect(runs.map((r: { due_at: string | number; state: string }) => ({ due_at: Number(r.due_at), state: r.state }))).toEqual([
      { due_at: berlin('2026-11-29 12:00'), state: 'missed' },
      { due_at: berlin('2026-11-30 12:00'), state: 'posted' },
    ]);
    const rotation = (await snapshot(w.deps)).rotations[0]!;
    const day = await dutyRecord(w.deps, rotation, berlin('2026-12-01 00:00'), berlin('2026-12-02 00:00'), berlin('2026-12-01 23:59'));
    expect(day.map((l) => [l.occurrence.task, l.status])).toEqual([["Read the day's incidents", 'missed']]);
    await jobs.tick(await snapshot(w.deps), berlin('2026-12-02 09:00'));
    expect(p.sent.map(([who, what]) => `${who} ${what}`)).toEqual([
      "carol@contoso.com 2026-11-30 Read the day's incidents",
      'heidi@contoso.com 2026-12-02 Check the coffee machine',
    ]);
  });
});
