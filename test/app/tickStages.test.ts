import { afterEach, describe, expect, it } from 'vitest';
import { HandoffJobs } from '../../app/jobs/handoffs.js';
import { Scheduler } from '../../app/jobs/scheduler.js';
import type { HandoffData, HandoffPoster } from '../../app/usecases/handoffPosts.js';
import { createStores } from '../../db/stores.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, type ChatWorld } from './chatWorld.js';

// Two rotations with a channel, handing over Mon 14 Dec 2026 at 09:00 and 10:00 (Berlin). The first one's channel is
// broken: Teams answers 403 to every post. The second's works.
const FILE = `timezone: Europe/Berlin
rotations:
  - id: broken
    name: Broken
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    members: [alice@contoso.com, bob@contoso.com]
    channel: { team: 19:team@thread.tacv2, id: "19:broken@thread.tacv2" }
  - id: fine
    name: Fine
    start: 2026-01-05
    every: 1w
    handoff: "Mon 10:00"
    members: [carol@contoso.com, dave@contoso.com]
    channel: { team: 19:team@thread.tacv2, id: "19:fine@thread.tacv2" }
`;

function poster(): HandoffPoster & { posted: string[] } {
  const p = {
    posted: [] as string[],
    async postHandoff(h: HandoffData) {
      if (h.channel.id === '19:broken@thread.tacv2') throw new Error('connector answered 403 Forbidden');
      p.posted.push(h.key);
      return { conversationId: h.channel.id, activityId: `act-${p.posted.length}` };
    },
    async sendPersonal() {
      return true;
    },
  };
  return p;
}

describe.each(ENGINES)('the minute tick runs every stage even when one fails (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  const world = async (o: { dutiesFail?: boolean } = {}) => {
    w = await chatWorld(engine, FILE);
    const ran: string[] = [];
    const warnings: object[] = [];
    const p = poster();
    const jobs = new HandoffJobs({
      deps: w.deps, leases: createStores(w.t.db).leases, poster: p, holder: 'a', ackMinutes: 30,
      duties: { tick: async () => { if (o.dutiesFail) throw new Error('duty store down'); ran.push('duties'); } },
      checks: { tick: async () => void ran.push('checks') },
      log: { info: () => undefined, warn: (o) => void warnings.push(o) },
    });
    return { jobs, ran, warnings, p };
  };

  it('a handoff post refused with 403 does not stop the other rotation, the duties or the checks; the tick fails naming it', async () => {
    const { jobs, ran, warnings, p } = await world();
    await expect(jobs.tick(berlin('2026-12-14 10:01'))).rejects.toThrow('minute tick: handoff post of broken failed: connector answered 403 Forbidden');
    expect(p.posted).toEqual([`handoff:fine:${berlin('2026-12-14 10:00')}`]);
    expect(ran).toEqual(['duties', 'checks']);
    expect(warnings).toEqual([{ stage: 'handoff post', rotation: 'broken', err: 'connector answered 403 Forbidden' }]);
    // The next tick tries the broken one again (it is `failed`) and still runs the rest.
    await expect(jobs.tick(berlin('2026-12-14 10:02'))).rejects.toThrow('handoff post of broken failed');
    expect(ran).toEqual(['duties', 'checks', 'duties', 'checks']);
  });

  it('the scheduler records the failed tick as the job\'s last error, and clears it once a tick succeeds', async () => {
    const { jobs } = await world();
    const logged: unknown[] = [];
    const log = { error: (o: unknown) => void logged.push(o), warn: () => undefined, info: () => undefined } as unknown as ConstructorParameters<typeof Scheduler>[0];
    const scheduler = new Scheduler(log, () => berlin('2026-12-14 10:01'));
    let now = berlin('2026-12-14 10:01');
    scheduler.register('bot-posts', '* * * * *', () => jobs.tick(now));
    try {
      await scheduler.run('bot-posts');
      expect(scheduler.statuses()[0]!.lastError).toBe('minute tick: handoff post of broken failed: connector answered 403 Forbidden');
      // Past the six-hour catch-up window nothing is retried: the tick succeeds and the error clears.
      now = berlin('2026-12-14 16:30');
      await scheduler.run('bot-posts');
      expect(scheduler.statuses()[0]!.lastError).toBeUndefined();
    } finally {
      await scheduler.stop();
    }
  });

  it('a failing duties stage does not stop the checks', async () => {
    const { jobs, ran } = await world({ dutiesFail: true });
    await expect(jobs.tick(berlin('2026-12-14 08:00'))).rejects.toThrow('minute tick: duties failed: duty store down');
    expect(ran).toEqual(['checks']);
  });
});
