import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../app/root/logger.js';
import { Scheduler } from '../../app/jobs/scheduler.js';

const log = createLogger('silent');
let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
});

describe('Scheduler', () => {
  it('is up only while a recurring job is planned, and down after stop', async () => {
    scheduler = new Scheduler(log);
    expect(scheduler.isUp()).toBe(false);
    scheduler.register('reconcile', '*/15 * * * *', async () => {});
    expect(scheduler.isUp()).toBe(true);
    await scheduler.stop();
    expect(scheduler.isUp()).toBe(false);
  });

  it('never overlaps a job with itself and waits for runs in flight on stop', async () => {
    scheduler = new Scheduler(log);
    let running = 0;
    let maxRunning = 0;
    let finished = 0;
    scheduler.register('slow', '0 0 1 1 *', async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 50));
      running--;
      finished++;
    });
    const a = scheduler.run('slow');
    const b = scheduler.run('slow');
    expect(a).toBe(b);
    await scheduler.stop();
    expect([maxRunning, finished]).toEqual([1, 1]);
  });

  it('runs a one-shot job at its instant; re-planning replaces it', async () => {
    scheduler = new Scheduler(log);
    const ran: string[] = [];
    scheduler.once('handoff:ops', Date.now() + 30, async () => void ran.push('first plan'));
    scheduler.once('handoff:ops', Date.now() + 60, async () => void ran.push('second plan'));
    expect(scheduler.names('handoff:')).toEqual(['handoff:ops']);
    await new Promise((r) => setTimeout(r, 150));
    expect(ran).toEqual(['second plan']);
    expect(scheduler.names('handoff:')).toEqual([]);
  });

  it('records the last error of a failing job and keeps it scheduled', async () => {
    scheduler = new Scheduler(log);
    scheduler.register('flaky', '0 0 1 1 *', async () => {
      throw new Error('Graph said no');
    });
    await scheduler.run('flaky');
    const [status] = scheduler.statuses();
    expect(status).toMatchObject({ name: 'flaky', lastError: 'Graph said no', running: false });
    expect(scheduler.isUp()).toBe(true);
  });
});

describe('Scheduler.replan', () => {
  it('keeps exactly the planned one-shot jobs under a prefix and leaves other jobs alone', async () => {
    scheduler = new Scheduler(log);
    const later = Date.now() + 60_000;
    const work = async () => {};
    scheduler.once('other:x', later, work);
    scheduler.replan('handoff:', new Map([['ops', { at: later, work }], ['dev', { at: later, work }]]));
    expect(scheduler.names('handoff:').sort()).toEqual(['handoff:dev', 'handoff:ops']);
    scheduler.replan('handoff:', new Map([['ops', { at: later + 1, work }]]));
    expect(scheduler.names('handoff:')).toEqual(['handoff:ops']);
    expect(scheduler.names('other:')).toEqual(['other:x']);
  });
});
