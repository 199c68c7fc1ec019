import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionInvoke, TEAM_1, teamsMessage, type ConnectorStandIn } from '../helpers/connectorStandIn.js';
import { cardProblems, cardsIn } from '../helpers/cardCheck.js';
import { ENGINES, type TestDatabase } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, type Harness } from './botHarness.js';

const CHANNEL = { id: '19:oncall@thread.tacv2', conversationType: 'channel' as const };
const erin = { id: PEOPLE.erin.id, name: PEOPLE.erin.name, aadObjectId: PEOPLE.erin.aadObjectId };

type Input = { type: string; id?: string; isMultiline?: boolean; value?: unknown; columns?: Array<{ items: Input[] }> };
type FormCard = { body: Input[]; actions?: Array<{ data: Record<string, unknown> }> };

const FORM = {
  checklist: true,
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

const DUTIES = [
  'Mon-Fri 09:15 Check overnight alerts and the nightly backup report | https://runbooks.contoso.com/backups',
  '',
  'Thu 18:00 Push the release candidate to pre-production',
  'Sat 08:00 Release day: watch the production roll-out | channel',
].join('\n');

describe.each(ENGINES)('setup sets the duty checklist and the daily checks, on %s', (engine) => {
  let t: TestDatabase;
  let connector: ConnectorStandIn;
  let h: Harness;
  const click = async (data: Record<string, unknown>) => {
    const res = await h.post(actionInvoke(connector.url, { verb: 'setup.save', data, from: erin, conversation: CHANNEL }));
    expect(res.status).toBe(200);
    return res.body as { type: string; value: unknown };
  };
  const form = async (args: string) => {
    const mark = h.mark();
    await h.post(teamsMessage({ serviceUrl: connector.url, text: `<at>Rota</at> setup ${args}`, from: erin, conversation: CHANNEL, team: TEAM_1 }));
    const sent = h.since(mark);
    const cards = sent.flatMap((r) => cardsIn(r.body)) as FormCard[];
    for (const c of cards) expect(cardProblems(c)).toEqual([]);
    const text = sent.at(-1)?.body as { text?: string } | undefined;
    return { card: cards[0], text: text?.text };
  };
  const inputs = (card: FormCard) => new Map(card.body.flatMap((b) => (b.type === 'ColumnSet' ? b.columns!.flatMap((c) => c.items) : [b])).filter((i) => i.id).map((i) => [i.id!, i]));
  const definition = async (id: string) => {
    const rows = await t.db('rotation_versions').where({ rotation_id: id }).orderBy('effective_from');
    return JSON.parse(rows.at(-1)!.definition as string) as Record<string, unknown>;
  };

  beforeAll(async () => ({ t, connector, h } = await startBot(engine)));
  afterAll(() => stopBot({ t, connector, h }));

  it('names each bad line and check with the rotation file\'s messages, by its line on the form, and saves nothing', async () => {
    const body = await click({
      ...FORM,
      duties: ['Mon-Fri 9:15 Check the backups', 'Thu 18:00', 'Sat 08:00 Release day | ftp://files.contoso.com', '', 'Mon 09:15 check the backups', 'Mon-Fri 09:15 Check the backups'].join('\n'),
      morningCheck: '9am',
      eveningCheck: '17:30',
    });
    expect(body.value).toBe(
      [
        'Nothing was saved. Please fix:',
        '- Duties, line 1 (time): expected "Mon-Fri 09:15", "Thu 18:00" or "09:15"',
        '- Duties, line 2 (task): expected the task, e.g. "Check the nightly backup report"',
        '- Duties, line 3 (link): expected an http(s) link such as "https://runbooks.contoso.com/backups"',
        '- Morning check: expected "Mon-Fri 09:15", "Thu 18:00" or "09:15"',
      ].join('\n'),
    );
    const twice = await click({ ...FORM, duties: 'Mon 09:15 check the backups\n\nMon-Fri 09:15 Check the backups' });
    expect(twice.value).toBe('Nothing was saved. Please fix:\n- Duties, line 3: the same duty as line 1 ("Check the backups" at 09:15 on Mon): it would be sent twice');
    expect(await t.db('rotations').where({ id: 'payments' }).first()).toBeUndefined();
  });

  it('saves the duties, one a line, and the checks; the card shows them', async () => {
    const body = await click({ ...FORM, duties: DUTIES, morningCheck: '09:00', eveningCheck: ' Mon-Fri  17:30 ' });
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    const json = JSON.stringify(body.value);
    expect(json).toContain('{"title":"Morning check","value":"09:00"},{"title":"Evening check","value":"Mon-Fri 17:30"}');
    expect(json).toContain(
      '{"title":"Duties","value":"Mon-Fri 09:15 Check overnight alerts and the nightly backup report; Thu 18:00 Push the release candidate to pre-production; Sat 08:00 Release day: watch the production roll-out"}',
    );
    expect(await definition('payments')).toMatchObject({
      morningCheck: '09:00',
      eveningCheck: 'Mon-Fri 17:30',
      duties: [
        { at: 'Mon-Fri 09:15', task: 'Check overnight alerts and the nightly backup report', link: 'https://runbooks.contoso.com/backups' },
        { at: 'Thu 18:00', task: 'Push the release candidate to pre-production' },
        { at: 'Sat 08:00', task: 'Release day: watch the production roll-out', post: 'channel' },
      ],
    });
  });

  it('shows them when editing; the form sent back unchanged changes nothing', async () => {
    const { card } = await form('payments');
    const fields = inputs(card!);
    expect(fields.get('duties')).toMatchObject({
      type: 'Input.Text',
      isMultiline: true,
      value: [
        'Mon-Fri 09:15 Check overnight alerts and the nightly backup report | https://runbooks.contoso.com/backups',
        'Thu 18:00 Push the release candidate to pre-production',
        'Sat 08:00 Release day: watch the production roll-out | channel',
      ].join('\n'),
    });
    expect([fields.get('morningCheck')!.value, fields.get('eveningCheck')!.value]).toEqual(['09:00', 'Mon-Fri 17:30']);
    const values = Object.fromEntries([...fields].map(([id, i]) => [id, i.value]));
    const again = await click({ ...card!.actions![0]!.data, ...values });
    expect(JSON.stringify(again.value)).toContain('Payments on call (payments) unchanged: the form matched what is stored');
  });

  it('an emptied field removes the checklist or the check, from the next handoff; a form without the checklist inputs keeps them', async () => {
    const { checklist: _c, ...older } = FORM;
    const kept = await click({ ...older, editing: 'payments', id: undefined, name: 'Payments' });
    expect(JSON.stringify(kept.value)).toContain('"title":"Changed","value":"name"');
    expect(await definition('payments')).toMatchObject({ morningCheck: '09:00', eveningCheck: 'Mon-Fri 17:30' });

    const cleared = await click({ ...FORM, editing: 'payments', id: undefined, name: 'Payments', duties: '', morningCheck: '09:00' });
    expect(JSON.stringify(cleared.value)).toContain('"title":"Changed","value":"duties, eveningCheck"');
    const def = await definition('payments');
    expect([def.duties, def.morningCheck, def.eveningCheck]).toEqual([undefined, '09:00', undefined]);
  });

  it('rotations from the rotation file stay read-only', async () => {
    const { text } = await form('ops');
    expect(text).toBe('ops comes from the rotation file (rota.yaml/ROTA_CONFIG); edit it there and run apply.');
    const body = await click({ ...FORM, editing: 'ops', duties: 'Mon 09:00 Something' });
    expect(body.value).toBe('ops comes from the rotation file (rota.yaml/ROTA_CONFIG); edit it there and run apply.');
    expect((await definition('ops')).duties).toBeUndefined();
  });
});
