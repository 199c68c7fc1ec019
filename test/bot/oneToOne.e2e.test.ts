import { afterEach, describe, expect, it } from 'vitest';
import { createStores } from '../../db/stores.js';
import { actionInvoke, teamsMessage } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { installInTeam, PEOPLE, startBot, stopBot, type BotWorld } from './botHarness.js';

// Zoe is in the team (the stand-in knows her) but in no rotation, and never wrote to Rota.
const ZOE = { id: '29:zoe', name: 'Zoe Zimmer', aadObjectId: 'aad-zoe', email: 'zoe@contoso.com' };
const from = (p: { id: string; name: string; aadObjectId: string }) => ({ id: p.id, name: p.name, aadObjectId: p.aadObjectId });
const chatOf = (who: string) => ({ id: `a:chat-${who}`, conversationType: 'personal' as const });
const FORM = { id: 'payments', name: 'Payments on call', every: '1w', weekday: 'Tue', time: '10:00', timezone: 'Europe/Berlin', start: '2026-03-10', onDuty: '1' };

describe.each(ENGINES)('in a 1:1 chat, people Rota never met (%s)', (engine) => {
  let w: BotWorld;
  afterEach(() => stopBot(w));
  const save = (members: string) => w.h.post(actionInvoke(w.connector.url, { verb: 'setup.save', data: { ...FORM, members }, from: from(PEOPLE.erin), conversation: chatOf('erin') }));
  const members = () => w.t.db('members').where({ rotation_id: 'payments', active: true }).orderBy('position').pluck('email');

  it('setup saves someone the picker found in the organisation: Teams is asked through the team, not the 1:1 chat', async () => {
    w = await startBot(engine, [...Object.values(PEOPLE), ZOE]);
    await installInTeam(w.h, w.connector);
    const mark = w.h.mark();
    const res = await save('aad-zoe,aad-alice');
    expect((res.body as { type: string }).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(await members()).toEqual(['zoe@contoso.com', 'alice@contoso.com']);
    expect(w.h.since(mark).filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
      '/v3/conversations/a%3Achat-erin/members/29%3Aerin', // the asker, in her own chat
      '/v3/conversations/a%3Achat-erin/members/aad-zoe', // 404: the 1:1 chat knows only Erin
      '/v3/conversations/19%3A0f5e1d2c3b4a49588776655443322110%40thread.tacv2/members/aad-zoe',
      '/v3/conversations/a%3Achat-erin/members/aad-alice',
      '/v3/conversations/19%3A0f5e1d2c3b4a49588776655443322110%40thread.tacv2/members/aad-alice',
    ]);
  });

  it('setup takes an object id the Graph sync resolved without asking Teams; one nobody knows is refused by its id', async () => {
    w = await startBot(engine);
    await createStores(w.t.db).syncState.cacheIdentity('zoe@contoso.com', { objectId: 'aad-zoe', displayName: 'Zoe Zimmer' }, 0);
    const refused = await save('aad-zoe,aad-nobody');
    expect((refused.body as { value: string }).value).toBe('Nothing was saved. Please fix:\n- Members: Teams could not tell me who the person with Entra id aad-nobody is; pick them again, or add their e-mail address in the rotation file');
    const mark = w.h.mark();
    await save('aad-zoe');
    expect(await members()).toEqual(['zoe@contoso.com']);
    expect(w.h.since(mark).filter((r) => r.method === 'GET' && r.path.endsWith('/aad-zoe'))).toEqual([]);
  });

  it('a swap to Bob, who never wrote but whom the sync resolved: the card goes to a new 1:1 chat by his object id', async () => {
    w = await startBot(engine);
    w.connector.installApp('aad-bob'); // as the sync's proactive installation does for someone who never opened Rota
    await createStores(w.t.db).syncState.cacheIdentity('bob@contoso.com', { objectId: 'aad-bob', displayName: 'Bob Baker' }, 0);
    const mark = w.h.mark();
    await w.h.post(teamsMessage({ serviceUrl: w.connector.url, text: 'swap next with bob@contoso.com ops', from: from(PEOPLE.alice), conversation: chatOf('alice') }));
    const sent = w.h.since(mark).filter((r) => r.method === 'POST');
    expect(sent[0]).toMatchObject({ path: '/v3/conversations', body: { isGroup: false, members: [{ id: 'aad-bob' }], tenantId: 'tenant-1' } });
    expect(sent[1]!.path).toMatch(/^\/v3\/conversations\/a%3Anew-chat-\d+\/activities$/);
    expect(JSON.stringify(sent[1]!.body)).toContain('swap.accept');
    expect(await w.t.db('swaps').pluck('counterpart')).toEqual(['bob@contoso.com']);
  });

  it('a reply Teams answers 412 is sent again after the back-off (recorded, no real waiting)', async () => {
    w = await startBot(engine);
    await createStores(w.t.db).syncState.cacheIdentity('alice@contoso.com', { objectId: 'aad-alice', displayName: 'Alice Archer' }, 0);
    await w.h.post(teamsMessage({ serviceUrl: w.connector.url, text: 'help', from: from(PEOPLE.alice), conversation: chatOf('alice') }));
    w.connector.failNext(1, 412);
    const mark = w.h.mark();
    w.h.sleeps.length = 0;
    await w.h.post(teamsMessage({ serviceUrl: w.connector.url, text: 'rotations', from: from(PEOPLE.alice), conversation: chatOf('alice') }));
    const replies = w.h.since(mark).filter((r) => r.method === 'POST' && r.path.startsWith('/v3/conversations/a%3Achat-alice/activities'));
    expect(replies).toHaveLength(2);
    expect(replies[1]!.body.text).toBe(replies[0]!.body.text);
    expect(w.h.sleeps).toEqual([1000]);
    expect(replies[1]!.body.text).toBe(
      '- **dev** (Dev of the Week): every 1w, handoff Mon 09:00 Europe/Berlin; frank@contoso.com, grace@contoso.com\n' +
        '- **ops** (Op of the Week): every 1w, handoff Mon 12:00 Europe/Berlin; Alice Archer, bob@contoso.com, carol@contoso.com, dave@contoso.com; escalates to dev',
    );
  });
});
