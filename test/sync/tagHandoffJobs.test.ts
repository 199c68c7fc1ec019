import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { syncHandoffPlanner } from '../../app/jobs/syncHandoffs.js';
import { tagState, TEAM } from './tagFixture.js';

/**
 * When the tag sync runs (app/jobs/syncHandoffs.ts): one job per tagged rotation at its next change. A `next` tag
 * changes at the handoff itself, which with `hours: 09:00-17:00` and a 08:00 handoff is no segment's edge.
 */
const file = (who: string, top = '') => `
timezone: Europe/Berlin
${top}
rotations:
  - id: day
    start: 2026-01-05
    every: 1d
    handoff: "08:00"
    hours: "09:00-17:00"
    members: [alice@contoso.com, bob@contoso.com]
    tag: { team: "${TEAM}", name: day-tag, who: ${who} }
  - id: dev
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    members: [frank@contoso.com]
`;

async function plannedAt(text: string, now: string): Promise<Record<string, string>> {
  const snap = tagState(text);
  let planned: ReadonlyMap<string, { at: number }> = new Map();
  const replan = syncHandoffPlanner({
    sync: { reconcile: async () => undefined },
    scheduler: { replan: (_prefix, plan) => void (planned = plan) },
    snapshot: async () => snap,
    clock: () => Date.parse(now),
    log: pino({ level: 'silent' }),
  });
  await replan();
  return Object.fromEntries([...planned].map(([key, { at }]) => [key, new Date(at).toISOString()]));
}

describe('the tag sync jobs', () => {
  it('a current tag moves at the edges of the hours (09:00 and 17:00 Berlin)', async () => {
    expect(await plannedAt(file('current'), '2026-03-04T07:30:00Z')).toEqual({ day: '2026-03-04T08:00:00.000Z' }); // 09:00 CET
    expect(await plannedAt(file('current'), '2026-03-04T12:00:00Z')).toEqual({ day: '2026-03-04T16:00:00.000Z' }); // 17:00 CET
  });

  it('a next tag moves at the 08:00 handoff too, although nobody is on duty then', async () => {
    expect(await plannedAt(file('next'), '2026-03-04T17:00:00Z')).toEqual({ day: '2026-03-05T07:00:00.000Z' }); // Thu 08:00 CET
  });

  it('a top-level tag gives each of its rotations a job (dev: Mon 9 Mar 09:00 CET)', async () => {
    const top = `tags:\n  - { team: "${TEAM}", name: all, rotations: [day, dev] }`;
    expect(await plannedAt(file('current', top), '2026-03-04T17:00:00Z')).toEqual({ day: '2026-03-05T08:00:00.000Z', dev: '2026-03-09T08:00:00.000Z' });
  });
});
