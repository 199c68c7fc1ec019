import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { oneShotPlanner } from '../../app/jobs/oneShotPlanner.js';
import { syncHandoffPlanner } from '../../app/jobs/syncHandoffs.js';
import type { TestDatabase } from '../helpers/databases.js';
import { NOW, opsFile, seededDatabase } from '../sync/syncHarness.js';

type Plan = ReadonlyMap<string, { at: number; work: () => Promise<void> }>;

/** A scheduler that only remembers what it was asked to plan. */
function recordingScheduler() {
  const plans: Array<{ prefix: string; plan: Plan }> = [];
  return { plans, replan: (prefix: string, plan: Plan) => void plans.push({ prefix, plan }) };
}
const instants = (plan: Plan) => Object.fromEntries([...plan].map(([k, v]) => [k, new Date(v.at).toISOString()]));

describe('oneShotPlanner: plan the next one-shot job', () => {
  it('plans each next instant under the prefix; a run does its work, then plans again', async () => {
    const scheduler = recordingScheduler();
    let next = [{ key: 'ops', at: Date.parse('2026-03-09T11:00:00Z') }];
    const ran: string[] = [];
    const replan = oneShotPlanner(scheduler, { prefix: 'bot:handoff:', next: async () => next, run: async (s) => void ran.push(`${s.key}@${new Date(s.at).toISOString()}`) });
    await replan();
    expect(scheduler.plans.map((p) => [p.prefix, instants(p.plan)])).toEqual([['bot:handoff:', { ops: '2026-03-09T11:00:00.000Z' }]]);
    next = [{ key: 'ops', at: Date.parse('2026-03-16T11:00:00Z') }];
    await scheduler.plans[0]!.plan.get('ops')!.work();
    expect(ran).toEqual(['ops@2026-03-09T11:00:00.000Z']);
    expect(instants(scheduler.plans[1]!.plan)).toEqual({ ops: '2026-03-16T11:00:00.000Z' });
  });

  it('a failed plan goes to onError when given, else to the caller', async () => {
    const scheduler = recordingScheduler();
    const boom = async (): Promise<never> => {
      throw new Error('database gone');
    };
    const errors: unknown[] = [];
    await oneShotPlanner(scheduler, { prefix: 'x:', next: boom, run: async () => undefined, onError: (err) => void errors.push(err) })();
    expect(errors.map(String)).toEqual(['Error: database gone']);
    await expect(oneShotPlanner(scheduler, { prefix: 'x:', next: boom, run: async () => undefined })()).rejects.toThrow('database gone');
    expect(scheduler.plans).toEqual([]);
  });
});

describe('syncHandoffPlanner: a reconcile at every tag change', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => t?.destroy());

  it('plans sync:handoff:ops at the next handoff (Mon 12:00 Berlin = 11:00Z); its run reconciles at the clock and plans the next', async () => {
    const seeded = await seededDatabase('sqlite', opsFile());
    t = seeded.t;
    let now = NOW; // Wed 4 Mar 2026 10:00Z
    const reconciled: number[] = [];
    const scheduler = recordingScheduler();
    const sync = { reconcile: async (at: number) => void reconciled.push(at) };
    const replan = syncHandoffPlanner({ sync, scheduler, snapshot: () => seeded.service.snapshot(), clock: () => now, log: pino({ level: 'silent' }) });
    await replan();
    expect(scheduler.plans.map((p) => [p.prefix, instants(p.plan)])).toEqual([['sync:handoff:', { ops: '2026-03-09T11:00:00.000Z' }]]);
    now = Date.parse('2026-03-09T11:00:00Z');
    await scheduler.plans[0]!.plan.get('ops')!.work();
    expect(reconciled).toEqual([Date.parse('2026-03-09T11:00:00Z')]);
    expect(instants(scheduler.plans[1]!.plan)).toEqual({ ops: '2026-03-16T11:00:00.000Z' });
  });
});
