import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit.js';
import { createStores, type Stores } from '../../db/stores.js';
import { ENGINES, freshDatabase, type TestDatabase } from '../helpers/databases.js';

// Each store's private row mapper, seen through the store: a literal row written with knex comes back as a literal
// domain object, and a JSON column (or an enum column) that is not what Rota writes is an error naming the table,
// the column and the row.

const named = (table: string, column: string, id: string) => ({ name: 'BadRowError', at: { table, column, id } });
const rotationRow = (id: string, extra: Record<string, unknown> = {}) => ({
  id, name: 'Ops', timezone: 'Europe/Berlin', every: '1w', handoff: 'Mon 12:00', on_duty: 1, start_date: '2026-01-05', created_at: 0, updated_at: 0, ...extra,
});

describe.each(ENGINES)('row mappers on %s', (engine) => {
  let t: TestDatabase;
  let stores: Stores;
  beforeEach(async () => {
    t = await freshDatabase(engine);
    stores = createStores(t.db);
    await t.db('rotations').insert(rotationRow('ops'));
  });
  afterEach(() => t.destroy());

  it('people: reminder_leads is a list of positive minutes', async () => {
    await t.db('people').insert({ email: 'dave@contoso.com', aad_object_id: 'aad-d', teams_id: '29:d', display_name: 'Dave', reminders: true, reminder_leads: '[1440,120]', updated_at: 1 });
    expect(await stores.people.personByAadId('aad-d')).toEqual({ email: 'dave@contoso.com', aadObjectId: 'aad-d', teamsId: '29:d', displayName: 'Dave', reminders: true, reminderLeads: [1440, 120] });
    await t.db('people').insert({ email: 'erin@contoso.com', reminders: false, reminder_leads: '[0]', updated_at: 1 });
    await expect(stores.people.people(['erin@contoso.com'])).rejects.toMatchObject(named('people', 'reminder_leads', 'erin@contoso.com'));
    await t.db('people').where({ email: 'erin@contoso.com' }).update({ reminder_leads: '[1440,' });
    await expect(stores.people.people(['erin@contoso.com'])).rejects.toThrow('people.reminder_leads of row erin@contoso.com is not what Rota writes: not JSON');
  });

  it('conversation_refs: reference is a JSON object, kind one of three', async () => {
    await t.db('conversation_refs').insert({ conversation_id: '19:gen', kind: 'channel', team_id: 'team-1', tenant_id: 'tn', reference: '{"serviceUrl":"https://smba.example/"}', updated_at: 1 });
    expect(await stores.conversations.conversation('19:gen')).toEqual({
      conversationId: '19:gen', kind: 'channel', teamId: 'team-1', tenantId: 'tn', reference: { serviceUrl: 'https://smba.example/' },
    });
    await t.db('conversation_refs').insert({ conversation_id: 'a:1', kind: 'personal', user_email: 'dave@contoso.com', reference: '["not","an","object"]', updated_at: 2 });
    await expect(stores.conversations.personalConversation('dave@contoso.com')).rejects.toMatchObject(named('conversation_refs', 'reference', 'a:1'));
    await t.db('conversation_refs').insert({ conversation_id: 'm:1', kind: 'meeting', reference: '{}', updated_at: 3 });
    await expect(stores.conversations.anyConversation()).rejects.toMatchObject(named('conversation_refs', 'kind', 'm:1'));
  });

  it('settings: a subscription is a channel, the shown list a time and ids', async () => {
    await t.db('settings').insert({ key: 'bot.channel.ops', value: '{"team":"team-1","id":"19:oncall"}', updated_at: 1 });
    await t.db('settings').insert({ key: 'chat.changes.dave@contoso.com', value: '{"at":5,"ids":["chat-1","swap-2"]}', updated_at: 1 });
    expect(await stores.subscriptions.subscriptions()).toEqual(new Map([['ops', { team: 'team-1', id: '19:oncall' }]]));
    expect(await stores.changes.shownList('Dave@contoso.com')).toEqual({ at: 5, ids: ['chat-1', 'swap-2'] });
    await t.db('settings').where({ key: 'bot.channel.ops' }).update({ value: '{"team":"team-1"}' });
    await expect(stores.subscriptions.subscriptions()).rejects.toThrow('settings.value of row bot.channel.ops is not what Rota writes: id: ');
    await t.db('settings').where({ key: 'chat.changes.dave@contoso.com' }).update({ value: '{"at":"yesterday","ids":[]}' });
    await expect(stores.changes.shownList('dave@contoso.com')).rejects.toMatchObject(named('settings', 'value', 'chat.changes.dave@contoso.com'));
  });

  it('time_off and overrides: spec is an object of strings, origin one Rota writes', async () => {
    await t.db('time_off').insert({ id: 'to1', member: 'dave@contoso.com', start_at: 100, end_at: 200, spec: '{"from":"2026-03-09","to":"2026-03-13","timezone":"Europe/Berlin"}', origin: 'chat', created_by: 'dave@contoso.com', created_at: 7 });
    await t.db('overrides').insert({ id: 'ov1', rotation_id: 'ops', start_at: 100, end_at: 200, member: 'bob@contoso.com', replaces: 'dave@contoso.com', origin: 'chat', created_by: 'dave@contoso.com', created_at: 7 });
    expect(await stores.changes.openChanges(50)).toEqual({
      overrides: [{ id: 'ov1', rotationId: 'ops', start: 100, end: 200, member: 'bob@contoso.com', replaces: 'dave@contoso.com', origin: 'chat', createdBy: 'dave@contoso.com' }],
      timeOff: [{ id: 'to1', member: 'dave@contoso.com', start: 100, end: 200, spec: { from: '2026-03-09', to: '2026-03-13', timezone: 'Europe/Berlin' }, origin: 'chat', createdAt: 7, createdBy: 'dave@contoso.com' }],
      swaps: [],
    });
    await t.db('overrides').where({ id: 'ov1' }).update({ origin: 'robot' });
    await expect(stores.changes.openChanges(50)).rejects.toMatchObject(named('overrides', 'origin', 'ov1'));
    await t.db('overrides').where({ id: 'ov1' }).update({ origin: 'chat' });
    await t.db('time_off').where({ id: 'to1' }).update({ spec: '{"from":20260309}' });
    await expect(stores.changes.openChanges(50)).rejects.toThrow('time_off.spec of row to1 is not what Rota writes: from: ');
  });

  it('swaps: cards map a person to where their card is', async () => {
    const swap = {
      id: 'swap-1', rotation_id: 'ops', proposer: 'a@contoso.com', counterpart: 'b@contoso.com', proposer_shift_start: 100, counterpart_shift_start: 300,
      state: 'proposed', expires_at: 90, created_at: 10,
    };
    await t.db('swaps').insert({ ...swap, cards: '{"b@contoso.com":{"conversationId":"a:b","activityId":"act-1"}}' });
    expect(await stores.swaps.swap('swap-1')).toEqual({
      id: 'swap-1', rotationId: 'ops', proposer: 'a@contoso.com', counterpart: 'b@contoso.com', proposerShiftStart: 100, counterpartShiftStart: 300,
      state: 'proposed', expiresAt: 90, cards: { 'b@contoso.com': { conversationId: 'a:b', activityId: 'act-1' } }, createdAt: 10,
    });
    await t.db('swaps').where({ id: 'swap-1' }).update({ cards: '{"b@contoso.com":{"conversationId":"a:b"}}' });
    await expect(stores.swaps.swap('swap-1')).rejects.toMatchObject(named('swaps', 'cards', 'swap-1'));
    await expect(stores.swaps.setSwapCard('swap-1', 'a@contoso.com', { conversationId: 'a:a', activityId: 'act-2' })).rejects.toMatchObject(named('swaps', 'cards', 'swap-1'));
  });

  it('handover_notes: open_items is a list of strings', async () => {
    await t.db('handover_notes').insert({ rotation_id: 'ops', shift_start: 500, author: 'a@contoso.com', notes: 'db failover at 3', open_items: '["rotate keys"]', created_at: 1, updated_at: 2 });
    expect(await stores.handovers.handover('ops', 500)).toEqual({ rotationId: 'ops', shiftStart: 500, author: 'a@contoso.com', notes: 'db failover at 3', openItems: ['rotate keys'], updatedAt: 2 });
    await t.db('handover_notes').where({ shift_start: 500 }).update({ open_items: '"rotate keys"' });
    await expect(stores.handovers.handover('ops', 500)).rejects.toThrow('handover_notes.open_items of row ops@500 is not what Rota writes: ');
  });

  it('bot_posts: detail is a JSON object, state one Rota writes', async () => {
    const post = { key: 'handoff:ops:500', kind: 'handoff', rotation_id: 'ops', state: 'posted', claimed_by: 'r1', conversation_id: '19:gen', activity_id: 'act-9', created_at: 3, updated_at: 4 };
    await t.db('bot_posts').insert({ ...post, detail: '{"shiftStart":500}' });
    expect(await stores.posts.post('handoff:ops:500')).toEqual({
      key: 'handoff:ops:500', kind: 'handoff', rotationId: 'ops', state: 'posted', conversationId: '19:gen', activityId: 'act-9', detail: { shiftStart: 500 }, createdAt: 3, updatedAt: 4,
    });
    await t.db('bot_posts').where({ key: post.key }).update({ detail: '[500]' });
    await expect(stores.posts.post(post.key)).rejects.toMatchObject(named('bot_posts', 'detail', 'handoff:ops:500'));
    await t.db('bot_posts').where({ key: post.key }).update({ detail: '{}', state: 'sent' });
    await expect(stores.posts.postsIn('handoff', 'posted')).resolves.toEqual([]);
    await expect(stores.posts.post(post.key)).rejects.toMatchObject(named('bot_posts', 'state', 'handoff:ops:500'));
  });

  it('rotation_versions: definition is a rotation as the file schema reads it, with its zone', async () => {
    await t.db('members').insert({ rotation_id: 'ops', position: 0, email: 'alice@contoso.com' });
    await t.db('rotation_versions').insert({
      rotation_id: 'ops', effective_from: -8_640_000_000_000_000, created_at: 0,
      definition: '{"id":"ops","name":"Ops","timezone":"Europe/Berlin","start":"2026-01-05","every":"1w","handoff":"Mon 12:00","onDuty":1,"members":["alice@contoso.com"]}',
    });
    await t.db('settings').insert([{ key: 'timezone', value: '"Europe/Berlin"', updated_at: 0 }, { key: 'admins', value: '["erin@contoso.com"]', updated_at: 0 }]);
    expect(await stores.rotations.load()).toEqual({
      settings: { timezone: 'Europe/Berlin', admins: ['erin@contoso.com'] },
      rotations: [{
        id: 'ops', name: 'Ops', timezone: 'Europe/Berlin', origin: 'file', members: ['alice@contoso.com'],
        versions: [{ from: -8_640_000_000_000_000, definition: { id: 'ops', name: 'Ops', timezone: 'Europe/Berlin', start: '2026-01-05', every: '1w', handoff: 'Mon 12:00', onDuty: 1, members: ['alice@contoso.com'] }, recordedAt: 0 }],
      }],
      overrides: [],
      timeOff: [],
    });
    await t.db('rotation_versions').where({ rotation_id: 'ops' }).update({ definition: '{"id":"ops","timezone":"Europe/Berlin","start":"2026-01-05","every":"1w","members":["alice@contoso.com"]}' });
    await expect(stores.rotations.load()).rejects.toThrow('rotation_versions.definition of row ops@-8640000000000000 is not what Rota writes: handoff: ');
    await t.db('rotation_versions').where({ rotation_id: 'ops' }).delete();
    await t.db('settings').where({ key: 'admins' }).update({ value: '"erin@contoso.com"' });
    await expect(stores.rotations.load()).rejects.toMatchObject(named('settings', 'value', 'admins'));
  });

  it('sync_state: a target keeps pending and errorAt beside what was written; an event its hash and times', async () => {
    await t.db('sync_state').insert({ rotation_id: 'ops', target: 'tag', key: 'team-1/ops', remote_id: 'tag-1', written: '{"members":["u1"],"pending":2,"errorAt":9}', synced_at: 5, last_error: 'throttled', updated_at: 9 });
    expect(await stores.syncState.targets('ops')).toEqual([
      { rotationId: 'ops', target: 'tag', key: 'team-1/ops', remoteId: 'tag-1', written: { members: ['u1'] }, syncedAt: 5, lastError: 'throttled', errorAt: 9, pending: 2 },
    ]);
    await t.db('sync_state').where({ target: 'tag' }).update({ written: 'members=u1' });
    await expect(stores.syncState.target('ops', 'tag', 'team-1/ops')).rejects.toThrow('sync_state.written of row ops/tag/team-1/ops is not what Rota writes: not JSON');
    await t.db('sync_state').insert({ rotation_id: 'ops', target: 'event', key: 'ops/500', remote_id: 'e1', written: '{"hash":"h","start":"500"}', updated_at: 9 });
    await expect(stores.syncState.events('ops')).rejects.toMatchObject(named('sync_state', 'written', 'ops/event/ops/500'));
  });

  it('audit_log: detail is a JSON object', async () => {
    await t.db('audit_log').insert({ at: 1, actor: 'cli', source: 'cli', action: 'rotation.created', rotation_id: 'ops', detail: '{"rotationId":"ops"}' });
    expect(await listAudit(t.db)).toEqual([{ id: 1, at: 1, actor: 'cli', source: 'cli', action: 'rotation.created', rotationId: 'ops', detail: { rotationId: 'ops' } }]);
    await t.db('audit_log').insert({ at: 2, actor: 'cli', source: 'cli', action: 'settings.updated', detail: 'null' });
    await expect(listAudit(t.db)).rejects.toMatchObject(named('audit_log', 'detail', '2'));
  });
});
