import { afterEach, describe, expect, it } from 'vitest';
import { proposeSwap } from '../../app/usecases/changes.js';
import { answerSwap } from '../../app/usecases/swapCards.js';
import { ENGINES } from '../helpers/databases.js';
import { berlin, chatWorld, TUESDAY, type ChatWorld } from './chatWorld.js';

const alice = { email: 'alice@contoso.com', now: TUESDAY };
const bob = { email: 'bob@contoso.com', now: TUESDAY };

// Ops by hand: weekly from Mon 5 Jan 12:00 Berlin, alice, bob, carol, dave → Mon 7 Dec is alice's, Mon 14 Dec bob's.
const ALICES_WEEK = { start: berlin('2026-12-07 12:00'), end: berlin('2026-12-14 12:00') };
const BOBS_WEEK = { start: berlin('2026-12-14 12:00'), end: berlin('2026-12-21 12:00') };

describe.each(ENGINES)('the swap card after an answer shows both whole weeks (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  it.each([
    { answer: 'declined', accept: false },
    { answer: 'accepted', accept: true },
  ])('$answer', async ({ answer, accept }) => {
    w = await chatWorld(engine);
    const proposed = await proposeSwap(w.deps, alice, 'bob@contoso.com', 'next ops');
    if (!proposed.ok) throw new Error(proposed.error);
    const answered = await answerSwap(w.deps, bob, proposed.value.swap.id, accept);
    if (!answered.ok) throw new Error(answered.error);
    expect(answered.value.card).toMatchObject({ state: answer, mine: ALICES_WEEK, theirs: BOBS_WEEK });
  });
});
