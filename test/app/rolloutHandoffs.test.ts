import { afterEach, describe, expect, it } from 'vitest';
import { HandoffJobs } from '../../app/jobs/handoffs.js';
import { WebhookJobs } from '../../app/jobs/webhooks.js';
import type { HandoffData, HandoffPoster } from '../../app/usecases/handoffPosts.js';
import { createStores } from '../../db/stores.js';
import { parseRotationFile } from '../../rotation/file.js';
import { ENGINES } from '../helpers/databases.js';
import { webhookReceiver } from '../helpers/webhookReceiver.js';
import { berlin, chatWorld, type ChatWorld } from './chatWorld.js';

// ops: weekly, Mon 12:00 Berlin, from Mon 5 Jan 2026: alice, bob, carol (5 Jan alice, 12 bob, 19 carol, … 2 Mar carol,
// 9 Mar alice). Now is Wed 11 Mar 2026 11:00 CET, in alice's week (queue after her turn: bob carol alice).
const NOW = berlin('2026-03-11 11:00');
const SECRET = 'whsec-test-0123456789';
const quiet = { info: () => undefined, warn: () => undefined };
const file = (members: string, extra = '', hook = '') =>
  `timezone: Europe/Berlin
rotations:
  - id: ops
    name: Ops
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [${members}]
    shadows: [sam@contoso.com]
    channel: { team: 19:team@thread.tacv2, id: "19:ops@thread.tacv2" }
${extra}` + (hook ? `webhooks:\n  - url: "${hook}"\n    events: [handoff]\n    secret: "env:ROTA_WEBHOOK_TEST"\n    rotations: [ops]\n` : '');
const THREE = 'alice@contoso.com, bob@contoso.com, carol@contoso.com';

describe.each(ENGINES)('an `effective: now` roster edit mid-shift and the handoff jobs (%s)', (engine) => {
  let w: ChatWorld;
  let hook: Awaited<ReturnType<typeof webhookReceiver>> | undefined;
  afterEach(async () => {
    await hook?.close();
    hook = undefined;
    await w.stop();
  });
  const cards: string[] = [];
  const copies: string[] = [];
  const personal: string[] = [];
  const names = (p: HandoffData['outgoing']) => p.map((r) => r.email.split('@')[0]).join('+');
  const poster: HandoffPoster = {
    async postHandoff(h) {
      cards.push(`${new Date(h.at).toISOString()} ${names(h.outgoing)} → ${names(h.incoming)}${h.notes ? ` (${h.notes})` : ''}`);
      return { conversationId: h.channel.id, activityId: `act-${cards.length}` };
    },
    async sendPersonal(p, text) {
      personal.push(`${p.email}: ${text.slice(0, 20)}`);
      return true;
    },
    async sendShadowCopy(to, h) {
      copies.push(`${to.email} ${new Date(h.at).toISOString()}`);
      return { conversationId: `c-${to.email}` };
    },
  };

  /** The world a month before, alice's week under way, then the edit applied at NOW. */
  const edited = async (members: string, hookUrl = '') => {
    cards.length = copies.length = personal.length = 0;
    w = await chatWorld(engine, file(THREE, '', hookUrl), NOW);
    await w.deps.stores.handovers.saveHandover({ rotationId: 'ops', shiftStart: berlin('2026-03-09 12:00'), author: 'alice@contoso.com', notes: 'db-2 disk watch', openItems: [] }, { actor: 'alice@contoso.com', source: 'chat', now: NOW - 7_200_000 });
    await w.deps.stores.items.openItem({ rotationId: 'ops', kind: 'item', text: 'Disk 90% on db-2', holder: 'alice@contoso.com' }, { actor: 'alice@contoso.com', source: 'chat', now: NOW - 3_600_000 });
    const parsed = parseRotationFile(file(members, '    effective: now\n', hookUrl));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed));
    await w.deps.service.applyFile(parsed.value, { actor: 'test', source: 'file', now: NOW });
    return new HandoffJobs({ deps: w.deps, leases: createStores(w.t.db).leases, poster, holder: 'a', ackMinutes: 30, log: quiet });
  };
  const holders = async () => (await w.deps.stores.items.items({})).map((i) => `#${i.n} ${i.holder}${i.awaitingKey ? ' (awaiting)' : ''}`);

  it('erin added: alice keeps her week; no card, no shadow copy, no item pass, no follow-up; her notes reach the real handoff', async () => {
    const jobs = await edited(`${THREE}, erin@contoso.com`);
    await jobs.tick(NOW + 60_000);
    await jobs.tick(NOW + 45 * 60_000);
    expect(cards).toEqual([]);
    expect(copies).toEqual([]);
    expect(personal).toEqual([]);
    expect(await holders()).toEqual(['#1 alice@contoso.com']);
    expect(await jobs.nextHandoffs(NOW + 60_000)).toMatchObject([{ rotation: { id: 'ops' }, at: berlin('2026-03-16 12:00') }]);
    // The real handoff on Mon 16 Mar 12:00 still goes out: alice to bob (front of the queue), erin joined at the back.
    await jobs.tick(berlin('2026-03-16 12:01'));
    expect(cards).toEqual(['2026-03-16T11:00:00.000Z alice → bob (db-2 disk watch)']);
    expect(copies).toEqual(['sam@contoso.com 2026-03-16T11:00:00.000Z']);
    expect(await holders()).toEqual(['#1 bob@contoso.com (awaiting)']);
  });

  it('alice removed: a real handoff at once, from alice to bob (front of the queue), with its copy and the item passed', async () => {
    const jobs = await edited('bob@contoso.com, carol@contoso.com');
    await jobs.tick(NOW + 60_000);
    expect(cards).toEqual(['2026-03-11T10:00:00.000Z alice → bob (db-2 disk watch)']);
    expect(copies).toEqual(['sam@contoso.com 2026-03-11T10:00:00.000Z']);
    expect(await holders()).toEqual(['#1 bob@contoso.com (awaiting)']);
  });

  it('the handoff webhook: none from alice to alice when erin is added; alice → bob when alice is removed', async () => {
    process.env.ROTA_WEBHOOK_TEST = SECRET;
    try {
      hook = await webhookReceiver(SECRET);
      await edited(`${THREE}, erin@contoso.com`, hook.url);
      const jobs = () => new WebhookJobs({ deps: w.deps, holder: 'a', delivery: { post: fetch, secretOf: () => SECRET }, log: quiet });
      await jobs().tick(NOW + 60_000);
      expect(hook.received).toHaveLength(0);
      expect(await jobs().nextHandoffs(NOW + 60_000)).toEqual([{ rotation: 'ops', at: berlin('2026-03-16 12:00') }]);
      await w.stop();
      await edited('bob@contoso.com, carol@contoso.com', hook.url);
      await jobs().tick(NOW + 60_000);
      expect(hook.received.map((r) => { const b = r.json as { from: unknown; to: unknown }; return [b.from, b.to]; })).toEqual([[['alice@contoso.com'], ['bob@contoso.com']]]);
    } finally {
      delete process.env.ROTA_WEBHOOK_TEST;
    }
  });
});
