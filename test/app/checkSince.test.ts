import { afterEach, describe, expect, it } from 'vitest';
import { CheckJobs } from '../../app/jobs/checks.js';
import type { CheckPoster } from '../../app/usecases/checkPosts.js';
import { snapshot } from '../../app/usecases/context.js';
import { checkSince } from '../../app/usecases/dutySince.js';
import { parseRotationFile } from '../../rotation/file.js';
import type { RotationDef } from '../../rotation/schedule.js';
import { ENGINES } from '../helpers/databases.js';
import { chatWorld, type ChatWorld } from './chatWorld.js';

const DAY = 86_400_000;
// Pair on call in Amsterdam (CET, UTC+1) from Mon 7 Dec 2026: alice+bob on Monday, carol+dave on Tuesday.
const WITHOUT = `
timezone: Europe/Amsterdam
rotations:
  - id: pair
    name: Pair on call
    start: 2026-12-07
    every: 1d
    handoff: "08:00"
    onDuty: 2
    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com, dave@contoso.com]
`;
const WITH = `${WITHOUT}    morningCheck: "09:00"\n`;
const MON_0930 = Date.parse('2026-12-07T08:30:00Z');
const TUE_0900 = Date.parse('2026-12-08T08:00:00Z');

describe('checkSince: from when a check of the latest version counts', () => {
  const v = (recordedAt: number, morningCheck?: string) => ({ from: recordedAt, recordedAt, definition: (morningCheck ? { morningCheck } : {}) as unknown as RotationDef });
  it.each<[string, ReturnType<typeof v>[], number | undefined]>([
    ['in every version: from the first', [v(100, '09:00'), v(200, '09:00')], 100],
    ['added later: from the version that added it', [v(100), v(200, '09:00'), v(300, '09:00')], 200],
    ['moved to another time: from the move', [v(100, '09:00'), v(200, '08:30')], 200],
    ['removed and added again: from its return', [v(100, '09:00'), v(200), v(300, '09:00')], 300],
    ['not in the latest version: none', [v(100, '09:00'), v(200)], undefined],
  ])('%s', (_case, versions, expected) => {
    expect(checkSince({ versions }, 'morning')).toBe(expected);
  });
});

describe.each(ENGINES)('a check that did not exist at its time is not sent late (%s)', (engine) => {
  let w: ChatWorld;
  let sent: string[];
  afterEach(() => w.stop());
  const poster: CheckPoster = {
    sendMorningCheck: async (p, view) => {
      sent.push(`${view.date} ${p.email}${view.late ? ' (late)' : ''}`);
      return { conversationId: `a:${p.email}`, activityId: `card-${sent.length}` };
    },
    sendEveningForm: async () => undefined,
    postToChannel: async () => undefined,
    updateForms: async () => undefined,
  };
  const jobs = () => new CheckJobs({ deps: w.deps, poster, holder: 'a', clock: () => 0 /* sends take no time: at the tick's now */, log: { info: () => undefined, warn: () => undefined } });

  it("Rota's first start at 09:30: this morning's 09:00 check is not sent; tomorrow's is", async () => {
    sent = [];
    w = await chatWorld(engine, WITH, MON_0930 + 30 * DAY); // the rotation is stored at 09:30 on Monday
    await jobs().tick(await snapshot(w.deps), MON_0930 + 60_000);
    expect(await w.deps.stores.posts.post('check:morning:pair:2026-12-07')).toBeUndefined();
    await jobs().tick(await snapshot(w.deps), TUE_0900);
    expect(sent).toEqual(['2026-12-08 carol@contoso.com', '2026-12-08 dave@contoso.com']);
  });

  it('a morning check added at 09:30: not sent late for 09:00 that day', async () => {
    sent = [];
    w = await chatWorld(engine, WITHOUT, MON_0930);
    const file = parseRotationFile(WITH);
    if (!file.ok) throw new Error('file');
    await w.deps.service.applyFile(file.value, { actor: 'test', source: 'file', now: MON_0930 });
    await jobs().tick(await snapshot(w.deps), MON_0930 + 60_000);
    await jobs().tick(await snapshot(w.deps), TUE_0900);
    expect(sent).toEqual(['2026-12-08 carol@contoso.com', '2026-12-08 dave@contoso.com']);
  });
});
