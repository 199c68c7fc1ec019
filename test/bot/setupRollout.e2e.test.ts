import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEGINNING_OF_TIME } from '../../db/types.js';
import { actionInvoke, TEAM_1, teamsMessage, type ConnectorStandIn } from '../helpers/connectorStandIn.js';
import { cardProblems, cardsIn } from '../helpers/cardCheck.js';
import { ENGINES, type TestDatabase } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, type Harness } from './botHarness.js';

const CHANNEL = { id: '19:oncall@thread.tacv2', conversationType: 'channel' as const };
const from = (who: keyof typeof PEOPLE) => ({ id: PEOPLE[who].id, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].aadObjectId });

// payments: weekly, Tue 10:00 Berlin, from Tue 3 Feb 2026: alice 3 Feb, bob 10 Feb, carol 17 Feb, alice 24 Feb, bob
// 3 Mar, carol 10 Mar, alice 17 Mar…; rounds of three weeks: 3 Feb, 24 Feb, 17 Mar, 7 Apr. The harness's clock is
// Wed 4 Mar 2026 10:00 CET (bob's week), so the round that contains it ends on Tue 17 Mar.
const FORM = {
  id: 'payments',
  name: 'Payments',
  members: 'alice@contoso.com,bob@contoso.com,carol@contoso.com',
  every: '1w',
  weekday: 'Tue',
  time: '10:00',
  timezone: 'Europe/Berlin',
  start: '2026-02-03',
  onDuty: '1',
};
const EDIT = { ...FORM, id: undefined, editing: 'payments' };
const WITH_DAVE = 'alice@contoso.com,bob@contoso.com,carol@contoso.com,dave@contoso.com';

type Action = { verb: string; data: Record<string, unknown> };
type Shown = { body: Array<{ type: string; text?: string; id?: string; value?: unknown; columns?: Array<{ items: Array<{ id?: string; value?: unknown }> }> }>; actions?: Action[] };
const texts = (card: Shown) => card.body.filter((b) => b.type === 'TextBlock').map((b) => b.text!);

describe.each(ENGINES)('setup shows whose shifts a change of members moves before saving it, on %s', (engine) => {
  let t: TestDatabase;
  let connector: ConnectorStandIn;
  let h: Harness;
  const count = async (table: string) => Number(((await t.db(table).count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n);
  const versions = async () => (await t.db('rotation_versions').where({ rotation_id: 'payments' }).orderBy('effective_from')).map((v) => Number(v.effective_from));
  const click = async (data: Record<string, unknown>) => {
    const res = await h.post(actionInvoke(connector.url, { verb: 'setup.save', data, from: from('erin'), conversation: CHANNEL }));
    expect(res.status).toBe(200);
    const body = res.body as { type: string; value: unknown };
    if (body.type === 'application/vnd.microsoft.card.adaptive') expect(cardProblems(body.value)).toEqual([]);
    return body;
  };

  beforeAll(async () => {
    ({ t, connector, h } = await startBot(engine));
    expect(JSON.stringify((await click(FORM)).value)).toContain('Payments (payments) created');
  });
  afterAll(() => stopBot({ t, connector, h }));

  it('next-cycle: the preview lists each person\'s moved shifts (worked out by hand) and writes nothing; its Save rotation saves it', async () => {
    const audit = await count('audit_log');
    const preview = await click({ ...EDIT, members: WITH_DAVE, effective: 'next-cycle' });
    const card = preview.value as Shown;
    const shown = texts(card);
    expect(shown[0]).toBe('Save these changes to Payments (payments)?');
    expect(shown[1]).toBe('**Takes effect** once everyone in the current order has had their turn: Tue 17 Mar 10:00 GMT+1.');
    // Old from 17 Mar: alice, bob, carol, alice 7 Apr, bob 14 Apr, carol 21 Apr, alice 28 Apr…; new: alice, bob, carol, dave 7 Apr, alice 14 Apr…
    const alice = shown.indexOf('**alice@contoso.com**');
    expect(shown[alice + 1]!.split('\n').slice(0, 2)).toEqual([
      '- Payments: Tue 7 Apr 10:00 GMT+2 – Tue 14 Apr 10:00 GMT+2 → Tue 14 Apr 10:00 GMT+2 – Tue 21 Apr 10:00 GMT+2',
      '- Payments: Tue 28 Apr 10:00 GMT+2 – Tue 5 May 10:00 GMT+2 → Tue 12 May 10:00 GMT+2 – Tue 19 May 10:00 GMT+2',
    ]);
    const dave = shown.indexOf('**dave@contoso.com**');
    expect(shown[dave + 1]).toBe('- Payments: new: Tue 7 Apr 10:00 GMT+2 – Tue 14 Apr 10:00 GMT+2\n- Payments: new: Tue 5 May 10:00 GMT+2 – Tue 12 May 10:00 GMT+2');
    expect(shown.filter((s) => s.startsWith('**') && s.endsWith('@contoso.com**'))).toEqual(['**alice@contoso.com**', '**bob@contoso.com**', '**carol@contoso.com**', '**dave@contoso.com**']);
    expect(await versions()).toEqual([BEGINNING_OF_TIME]);
    expect(await count('audit_log')).toBe(audit);

    const save = card.actions!.find((a) => a.verb === 'setup.save')!;
    expect(save.data).toMatchObject({ editing: 'payments', members: WITH_DAVE, effective: 'next-cycle', confirmed: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const saved = await click(save.data);
    const said = JSON.stringify(saved.value);
    expect(said).toContain('Payments (payments) updated');
    expect(said).toContain('Once everyone in the current order has had their turn, Tue 17 Mar 10:00 GMT+1; the shifts until then stay as they were.');
    expect(await versions()).toEqual([BEGINNING_OF_TIME, Date.parse('2026-03-17T09:00:00Z')]);

    // The form now defaults to the rotation's own choice.
    const mark = h.mark();
    await h.post(teamsMessage({ serviceUrl: connector.url, text: '<at>Rota</at> setup payments', from: from('erin'), conversation: CHANNEL, team: TEAM_1 }));
    const [form] = h.since(mark).flatMap((r) => cardsIn(r.body)) as Shown[];
    expect(form!.body.find((b) => b.id === 'effective')).toMatchObject({ type: 'Input.ChoiceSet', value: 'next-cycle' });
  });

  it('an edit that moves nobody\'s shift is saved at once (renaming); `now` cuts bob\'s week at this instant', async () => {
    const renamed = await click({ ...EDIT, name: 'Payments team', members: WITH_DAVE, effective: 'next-cycle' });
    expect(JSON.stringify(renamed.value)).toContain('Payments team (payments) updated');

    const preview = (await click({ ...EDIT, members: 'alice@contoso.com,carol@contoso.com', effective: 'now' })).value as Shown;
    const shown = texts(preview);
    expect(shown[1]).toBe('**Takes effect** now (who is on duty and stays keeps the shift in progress; anyone removed stops now): Wed 4 Mar 10:00 GMT+1.');
    // bob is removed: he loses the rest of his week (and every later one), which goes at once to the front of the
    // queue: carol from now, alice 10 Mar, carol 17 Mar… His week shows whole (it began Tue 3 Mar).
    const bob = shown.indexOf('**bob@contoso.com**');
    expect(shown[bob + 1]!.split('\n')[0]).toBe('- Payments: Tue 3 Mar 10:00 GMT+1 – Tue 10 Mar 10:00 GMT+1 → not yours any more');
    const carol = shown.indexOf('**carol@contoso.com**');
    expect(shown[carol + 1]!.split('\n')[0]).toBe('- Payments: Tue 10 Mar 10:00 GMT+1 – Tue 17 Mar 10:00 GMT+1 → Wed 4 Mar 10:00 GMT+1 – Tue 10 Mar 10:00 GMT+1');
    const saved = await click(preview.actions![0]!.data);
    expect(JSON.stringify(saved.value)).toContain('Now, Wed 4 Mar 10:00 GMT+1: who was on duty and stays keeps the shift in progress; anyone removed stopped there.');
    // The pending next-cycle version (17 Mar) is superseded by the one from now.
    expect(await versions()).toEqual([BEGINNING_OF_TIME, Date.parse('2026-03-04T09:00:00Z')]);
  });

  it("a Save pressed after the moves changed saves nothing and shows the fresh preview", async () => {
    // Shown while the roster is alice, carol (the test above): adding bob back at the next handoff moves shifts.
    const first = (await click({ ...EDIT, members: 'alice@contoso.com,carol@contoso.com,bob@contoso.com' })).value as Shown;
    const staleSave = first.actions![0]!.data;
    // Meanwhile another edit is saved: dave joins at once, so what the first preview showed is no longer true.
    const other = (await click({ ...EDIT, members: 'alice@contoso.com,carol@contoso.com,dave@contoso.com', effective: 'now' })).value as Shown;
    expect(JSON.stringify(await click(other.actions![0]!.data))).toContain('Payments (payments) updated');
    const before = await versions();
    const audit = await count('audit_log');
    const fresh = (await click(staleSave)).value as Shown;
    expect(texts(fresh)[1]).toBe('Nothing was saved: the shifts this edit moves changed since the last preview (a handoff passed, or someone else edited the rotation). Here is what it would do now.');
    expect(await versions()).toEqual(before);
    expect(await count('audit_log')).toBe(audit);
    // The fresh preview's own Save saves it.
    expect(fresh.actions![0]!.data.confirmed).not.toBe(staleSave.confirmed);
    expect(JSON.stringify((await click(fresh.actions![0]!.data)).value)).toContain('Payments (payments) updated');
  });
});
