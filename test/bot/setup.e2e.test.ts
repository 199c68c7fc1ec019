import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileFromStored } from '../../app/usecases/state.js';
import { RotaService } from '../../app/usecases/RotaService.js';
import { createStores } from '../../db/stores.js';
import { BEGINNING_OF_TIME } from '../../db/types.js';
import { validateRotationFile } from '../../rotation/file.js';
import { actionInvoke, TEAM_1, teamsMessage, type ConnectorStandIn, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { cardProblems, cardsIn } from '../helpers/cardCheck.js';
import { ENGINES, type TestDatabase } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, type Harness } from './botHarness.js';

const CHANNEL = { id: '19:oncall@thread.tacv2', conversationType: 'channel' as const };
const from = (who: keyof typeof PEOPLE) => ({ id: PEOPLE[who].id, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].aadObjectId });

type Input = { type: string; id?: string; isMultiSelect?: boolean; choices?: Array<{ value: string }>; value?: unknown; columns?: Array<{ items: Input[] }> };
type FormCard = { body: Input[]; actions?: Array<{ type: string; verb: string; data: Record<string, unknown>; fallback: { type: string } }> };

function validCards(requests: RecordedRequest[]): unknown[] {
  const cards = requests.flatMap((r) => cardsIn(r.body));
  for (const c of cards) expect(cardProblems(c)).toEqual([]);
  return cards;
}

/** The form's inputs by id, columns included. */
function inputs(card: FormCard): Map<string, Input> {
  const all = card.body.flatMap((b) => (b.type === 'ColumnSet' ? b.columns!.flatMap((c) => c.items) : [b]));
  return new Map(all.filter((i) => i.id).map((i) => [i.id!, i]));
}

const FORM = {
  id: 'payments',
  name: 'Payments on call',
  members: 'alice@contoso.com,bob@contoso.com',
  every: '1w',
  weekday: 'Tue',
  time: '10:00',
  timezone: 'Europe/Berlin',
  start: '2026-03-10',
  onDuty: '1',
};

describe.each(ENGINES)('setup (admins create and edit rotations in chat) end to end on %s', (engine) => {
  let t: TestDatabase;
  let connector: ConnectorStandIn;
  let h: Harness;
  const audit = async () => Number(((await t.db('audit_log').count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n);
  const inChannel = async (who: keyof typeof PEOPLE, text: string) => {
    const mark = h.mark();
    const res = await h.post(teamsMessage({ serviceUrl: connector.url, text, from: from(who), conversation: CHANNEL, team: TEAM_1 }));
    expect(res.status).toBe(200);
    return h.since(mark);
  };
  const click = async (who: keyof typeof PEOPLE, data: Record<string, unknown>) => {
    const mark = h.mark();
    const res = await h.post(actionInvoke(connector.url, { verb: 'setup.save', data, from: from(who), conversation: CHANNEL }));
    expect(res.status).toBe(200);
    return { body: res.body as { statusCode: number; type: string; value: unknown }, sent: h.since(mark) };
  };

  beforeAll(async () => ({ t, connector, h } = await startBot(engine)));
  afterAll(() => stopBot({ t, connector, h }));

  it('refuses people who are not admins', async () => {
    const sent = await inChannel('carol', '<at>Rota</at> setup');
    expect(sent.at(-1)!.body.text).toBe("Only Rota's admins (erin@contoso.com, under admins in the rotation file) can create rotations.");
    const click1 = await click('carol', FORM);
    expect(click1.body.value).toBe("Only Rota's admins (erin@contoso.com, under admins in the rotation file) can create rotations.");
    expect(await t.db('rotations').where({ id: 'payments' }).first()).toBeUndefined();
  });

  it('answers an admin with a 1.5 form whose members are picked with Teams\' people picker (no roster in the card)', async () => {
    const sent = await inChannel('erin', '<at>Rota</at> setup');
    expect(sent.some((r) => /pagedmembers/.test(r.path))).toBe(false);
    const [card] = validCards(sent) as FormCard[];
    const fields = inputs(card!);
    expect([...fields.keys()]).toEqual(['id', 'name', 'members', 'every', 'weekday', 'time', 'timezone', 'start', 'onDuty', 'effective', 'duties', 'morningCheck', 'eveningCheck']);
    // "People Picker in Adaptive Cards": in a channel, the dataset searches the conversation's members.
    expect(fields.get('members')).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users?scope=currentContext' } });
    expect(fields.get('time')!.type).toBe('Input.Time');
    expect(fields.get('start')).toMatchObject({ type: 'Input.Date', value: '2026-03-09' });
    expect(fields.get('timezone')!.value).toBe('Europe/Berlin');
    expect(card!.actions!.map((a) => [a.type, a.verb, a.fallback.type])).toEqual([['Action.Execute', 'setup.save', 'Action.Submit']]);
  });

  it('in the 1:1 chat the picker searches the whole organisation', async () => {
    const mark = h.mark();
    await h.post(teamsMessage({ serviceUrl: connector.url, text: 'setup', from: from('erin'), conversation: { id: 'a:chat-erin', conversationType: 'personal' } }));
    const [card] = validCards(h.since(mark)) as FormCard[];
    expect(inputs(card!).get('members')).toMatchObject({ type: 'Input.ChoiceSet', 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' } });
  });

  it('the picker submits Entra object ids: each becomes the person\'s address (Teams asked for the unknown ones)', async () => {
    const unknown = await click('erin', { ...FORM, id: 'picked', members: 'aad-frank,00000000-0000-0000-0000-00000000dead' });
    expect(unknown.body.value).toBe('Nothing was saved. Please fix:\n- Members: Teams could not tell me who the person with Entra id 00000000-0000-0000-0000-00000000dead is; pick them again, or add their e-mail address in the rotation file');
    expect(unknown.sent.some((r) => r.method === 'GET' && r.path.endsWith('/members/aad-frank'))).toBe(true); // Frank never wrote
    await click('erin', { ...FORM, id: 'picked', members: 'aad-frank,aad-erin,dave@contoso.com' });
    expect(await t.db('members').where({ rotation_id: 'picked', active: true }).orderBy('position').pluck('email')).toEqual(['frank@contoso.com', 'erin@contoso.com', 'dave@contoso.com']);
    // The form for it preselects them by object id, with their names, in rotation order.
    const [card] = validCards(await inChannel('erin', '<at>Rota</at> setup picked')) as FormCard[];
    const members = inputs(card!).get('members')!;
    expect(members.value).toBe('aad-frank,aad-erin,dave@contoso.com');
    expect(members.choices).toEqual([{ title: 'Frank Fisher', value: 'aad-frank' }, { title: 'Erin Ende', value: 'aad-erin' }, { title: 'dave@contoso.com', value: 'dave@contoso.com' }]);
  });

  it('names each bad field in plain words and writes nothing', async () => {
    const before = await audit();
    const res = await click('erin', { ...FORM, timezone: 'Mars/Olympus', time: '25:99' });
    expect(res.body.type).toBe('application/vnd.microsoft.activity.message');
    const message = res.body.value as string;
    expect(message).toMatch(/^Nothing was saved\. Please fix:/);
    expect(message).toContain('- Time zone: unknown time zone "Mars/Olympus"');
    expect(message).toContain('- Handoff weekday and time: expected "Mon 12:00" or "09:00"');
    const noDay = await click('erin', { ...FORM, weekday: 'any' });
    expect(noDay.body.value).toContain('- Handoff weekday and time: expected a weekday and time such as "Mon 12:00" for a weekly rotation (every: 1w)');
    const noMembers = await click('erin', { ...FORM, members: '' });
    expect(noMembers.body.value).toContain('- Members: expected at least one member');
    const wrongDay = await click('erin', { ...FORM, start: '2026-03-09' });
    expect(wrongDay.body.value).toContain('- Start date: 2026-03-09 is a Mon; a rotation handing off "Tue 10:00" must start on a Tue');
    expect(await t.db('rotations').where({ id: 'payments' }).first()).toBeUndefined();
    expect(await audit()).toBe(before);
  });

  it('saves a new rotation (origin chat, with its audit row) and the card shows what was saved', async () => {
    const res = await click('erin', FORM);
    expect([res.body.statusCode, res.body.type]).toEqual([200, 'application/vnd.microsoft.card.adaptive']);
    expect(cardProblems(res.body.value)).toEqual([]);
    const json = JSON.stringify(res.body.value);
    expect(json).toContain('Payments on call (payments) created');
    expect(json).toContain('From its start date, 2026-03-10');
    expect(await t.db('rotations').where({ id: 'payments' }).first()).toMatchObject({ origin: 'chat', name: 'Payments on call', timezone: 'Europe/Berlin', archived_at: null });
    const versions = await t.db('rotation_versions').where({ rotation_id: 'payments' });
    expect(versions.map((v) => Number(v.effective_from))).toEqual([BEGINNING_OF_TIME]);
    expect(await t.db('members').where({ rotation_id: 'payments', active: true }).orderBy('position').pluck('email')).toEqual(['alice@contoso.com', 'bob@contoso.com']);
    const row = await t.db('audit_log').where({ rotation_id: 'payments' }).first();
    expect(row).toMatchObject({ action: 'rotation.created', source: 'chat', actor: 'erin@contoso.com' });
    const rotations = await inChannel('bob', 'rotations');
    expect(rotations.at(-1)!.body.text).toContain('**payments** (Payments on call): every 1w, handoff Tue 10:00 Europe/Berlin');
  });

  it('edits it: the form has no id, and the change takes effect at the next handoff', async () => {
    const sent = await inChannel('erin', '<at>Rota</at> setup payments');
    const [card] = validCards(sent) as FormCard[];
    const fields = inputs(card!);
    expect(fields.has('id')).toBe(false);
    expect(fields.get('members')!.value).toBe('alice@contoso.com,bob@contoso.com');
    expect(card!.actions![0]!.data).toEqual({ editing: 'payments', checklist: true });

    // Adding carol moves shifts, so the first press shows the preview (test/bot/setupRollout.e2e.test.ts); its Save rotation saves.
    const shown = await click('erin', { ...FORM, id: undefined, editing: 'payments', members: 'alice@contoso.com,bob@contoso.com,carol@contoso.com' });
    expect(await t.db('audit_log').where({ rotation_id: 'payments' }).pluck('action')).toEqual(['rotation.created']);
    const save = (shown.body.value as FormCard).actions!.find((a) => a.verb === 'setup.save')!;
    const res = await click('erin', save.data);
    expect(cardProblems(res.body.value)).toEqual([]);
    const json = JSON.stringify(res.body.value);
    expect(json).toContain('Payments on call (payments) updated');
    expect(json).toContain('From the next handoff, Tue 10 Mar 10:00 GMT+1');
    const versions = await t.db('rotation_versions').where({ rotation_id: 'payments' }).orderBy('effective_from');
    expect(versions.map((v) => Number(v.effective_from))).toEqual([BEGINNING_OF_TIME, Date.parse('2026-03-10T09:00:00Z')]);
    expect(await t.db('audit_log').where({ rotation_id: 'payments' }).orderBy('id').pluck('action')).toEqual(['rotation.created', 'rotation.updated']);
  });

  it('the Action.Submit fallback saves too and updates the card in place', async () => {
    const mark = h.mark();
    // This edit moves shifts: the first submit puts the preview in place of the form, its Save rotation saves.
    const value = { verb: 'setup.save', ...FORM, editing: 'payments', name: 'Payments' };
    await h.post(teamsMessage({ serviceUrl: connector.url, text: '', from: from('erin'), conversation: CHANNEL, team: TEAM_1, value, replyToId: 'card-9' }));
    const shown = cardsIn(h.since(mark).find((r) => r.method === 'PUT')!.body)[0] as FormCard;
    expect(JSON.stringify(shown)).toContain('Save these changes to Payments (payments)?');
    const save = shown.actions!.find((a) => a.verb === 'setup.save')!;
    const again = h.mark();
    await h.post(teamsMessage({ serviceUrl: connector.url, text: '', from: from('erin'), conversation: CHANNEL, team: TEAM_1, value: { verb: 'setup.save', ...save.data }, replyToId: 'card-9' }));
    const put = h.since(again).find((r) => r.method === 'PUT')!;
    expect(put.path).toBe('/v3/conversations/19%3Aoncall%40thread.tacv2/activities/card-9');
    expect(JSON.stringify(put.body)).toContain('Payments (payments) updated');
  });

  it('refuses rotations that come from the rotation file, naming the file', async () => {
    const before = await audit();
    const sent = await inChannel('erin', '<at>Rota</at> setup ops');
    expect(sent.at(-1)!.body.text).toBe('ops comes from the rotation file (rota.yaml/ROTA_CONFIG); edit it there and run apply.');
    const res = await click('erin', { ...FORM, editing: 'ops' });
    expect(res.body.value).toBe('ops comes from the rotation file (rota.yaml/ROTA_CONFIG); edit it there and run apply.');
    const dup = await click('erin', { ...FORM, id: 'ops' });
    expect(dup.body.value).toBe('There is already a rotation ops; say "setup ops" to edit it.');
    expect(await audit()).toBe(before);
  });

  it('survives the file being applied again (a restart), and export includes it in a form apply accepts unchanged', async () => {
    await h.restart();
    expect(await t.db('rotations').where({ id: 'payments' }).first()).toMatchObject({ origin: 'chat', archived_at: null });
    const stores = createStores(t.db);
    const state = await stores.rotations.load();
    const exported = validateRotationFile(fileFromStored(state));
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    expect(exported.value.rotations.map((r) => r.id)).toContain('payments');
    const changes = await new RotaService(stores).applyFile(exported.value, { actor: 'test', source: 'cli', now: h.clock.now }, true);
    expect(changes.filter((c) => 'rotationId' in c && c.rotationId === 'payments')).toEqual([]);
  });
});
