import { afterEach, describe, expect, it } from 'vitest';
import { PersonUnreachable } from '../../app/usecases/conversations.js';
import { closeStaleShadowCopies, sendShadowCopies, shadowsOf, STALE_SHADOW } from '../../app/usecases/shadowCopies.js';
import { ENGINES } from '../helpers/databases.js';
import { chatWorld, FIRST_WEEK_FILE, TUESDAY, type ChatWorld } from './chatWorld.js';

const MIN = 60_000;
const quiet = { warn: () => undefined };
const copy = { kind: 'handoff' as const, rotation: 'ops' };

describe.each(ENGINES)('shadow copies: once per shadow, every outcome recorded (%s)', (engine) => {
  let w: ChatWorld;
  afterEach(() => w.stop());

  const rows = async () => (await w.t.db('bot_posts').where({ kind: 'shadow' }).orderBy('key').select('key', 'state', 'detail')).map((r) => [r.key, r.state, JSON.parse(r.detail as string).reason ?? null]);

  it('sends each shadow one copy, however often it is asked; one Rota cannot reach is recorded with the reason, and the others still get theirs', async () => {
    w = await chatWorld(engine);
    const sent: string[] = [];
    const send = async (to: { email: string }) => {
      sent.push(to.email);
      if (to.email === 'x@contoso.com') throw new PersonUnreachable(to.email, 'Rota is not installed for x@contoso.com');
      return to.email === 'y@contoso.com' ? undefined : { conversationId: `a:${to.email}`, activityId: '1' };
    };
    const shadows = ['x@contoso.com', 'y@contoso.com', 'z@contoso.com'];
    const o = { holder: 'r1', now: TUESDAY, log: quiet };
    expect(await sendShadowCopies(w.deps, send, shadows, 'handoff:ops:1', copy, o)).toEqual(['z@contoso.com']);
    expect(await sendShadowCopies(w.deps, send, shadows, 'handoff:ops:1', copy, { ...o, holder: 'r2' })).toEqual([]); // another replica, or the next tick
    expect(sent).toEqual(shadows);
    expect(await rows()).toEqual([
      ['handoff:ops:1:shadow:x@contoso.com', 'undelivered', 'Rota is not installed for x@contoso.com'],
      ['handoff:ops:1:shadow:y@contoso.com', 'undelivered', 'Rota has no personal chat with them yet, and no id to open one with'],
      ['handoff:ops:1:shadow:z@contoso.com', 'posted', null],
    ]);
  });

  it('a claim left by a Rota that stopped mid-send is closed as undelivered after the stale time, not before, and not sent again', async () => {
    w = await chatWorld(engine);
    await w.deps.stores.posts.claimPost({ key: 'duty:1:shadow:x@contoso.com', kind: 'shadow', detail: {} }, 'r1', TUESDAY);
    expect(await closeStaleShadowCopies(w.deps, TUESDAY - 1, TUESDAY + 5 * MIN)).toEqual([]);
    expect(await closeStaleShadowCopies(w.deps, TUESDAY, TUESDAY + 10 * MIN)).toEqual(['duty:1:shadow:x@contoso.com']);
    expect(await rows()).toEqual([['duty:1:shadow:x@contoso.com', 'undelivered', STALE_SHADOW]]);
    const sent: string[] = [];
    await sendShadowCopies(w.deps, async (to) => (sent.push(to.email), { conversationId: 'a', activityId: '1' }), ['x@contoso.com'], 'duty:1', copy, { holder: 'r2', now: TUESDAY + 11 * MIN, log: quiet });
    expect(sent).toEqual([]);
  });

  it('the shadows of the file\'s rotations, each once', async () => {
    w = await chatWorld(engine, FIRST_WEEK_FILE.replace(/(\n    members: \[[^\]]+\]\n)/, '$1    shadows: [sam@contoso.com, tom@contoso.com]\n'));
    // As an escalation from ops to dev asks: ops' shadows (stored with the rotation, read back from the database); dev has none.
    expect(await shadowsOf(w.deps, ['ops', 'dev', 'ops'])).toEqual(['sam@contoso.com', 'tom@contoso.com']);
  });
});
