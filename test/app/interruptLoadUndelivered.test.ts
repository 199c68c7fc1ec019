import { afterEach, describe, expect, it } from 'vitest';
import { rotationLoad } from '../../app/usecases/interruptLoad.js';
import { snapshot } from '../../app/usecases/context.js';
import { dutyId } from '../../rotation/index.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, type ChatWorld } from './chatWorld.js';

// One duty at 10:00 Berlin every day. Wed 2 Dec 2026 its card reached Alice and she never answered; Thu 3 Dec Teams
// refused it for her (undelivered); Fri 4 Dec Rota was down past the catch-up window (never sent).
const FILE = `timezone: Europe/Berlin
rotations:
  - id: solo
    name: Solo
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [alice@contoso.com, bob@contoso.com]
    duties:
      - { at: "10:00", task: Check the backups }
`;
const KEY = (date: string) => `duty:solo:${dutyId({ at: '10:00', task: 'Check the backups' })}:${date}`;

describe.each(ENGINES)('the interrupt load of duties Teams refused (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  it('an undelivered duty counts as missed in the rotation total only, as a never-sent one; a delivered one for its person', async () => {
    w = await chatWorld(engine, FILE);
    const duties = w.deps.stores.duties;
    const run = (date: string, at: string) => ({ key: KEY(date), rotationId: 'solo', dueAt: berlin(at), late: false, assignees: ['alice@contoso.com'], detail: {} });
    await duties.claim(run('2026-12-02', '2026-12-02 10:00'), 'a', berlin('2026-12-02 10:00'));
    await duties.recordCopy(KEY('2026-12-02'), 'a', { via: 'personal', conversationId: 'a:chat-alice', activityId: 'act-1', to: 'alice@contoso.com' }, berlin('2026-12-02 10:00'));
    await duties.markPosted(KEY('2026-12-02'), undefined, berlin('2026-12-02 10:00'));
    await duties.claim(run('2026-12-03', '2026-12-03 10:00'), 'a', berlin('2026-12-03 10:00'));
    await duties.markUndelivered(KEY('2026-12-03'), 'Teams answered 403: the bot is blocked', berlin('2026-12-03 10:00'));
    await duties.recordMissed(run('2026-12-04', '2026-12-04 10:00'), 'Rota was down', berlin('2026-12-04 18:00'));
    const solo = (await snapshot(w.deps)).rotations.find((r) => r.id === 'solo')!;
    const load = await rotationLoad(w.deps, solo, ['alice@contoso.com'], berlin('2026-12-02 00:00'), berlin('2026-12-05 00:00'), berlin('2026-12-06 12:00'));
    expect(load.total.dutiesMissed).toBe(3);
    expect(load.members.map((m) => [m.person.email, m.load.dutiesMissed])).toEqual([['alice@contoso.com', 1]]);
  });
});
