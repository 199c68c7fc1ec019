import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphStandIn } from '../helpers/graph/GraphStandIn.js';

/** The stand-in's getSchedule, by raw HTTP: Graph's shapes and the limits of "Get free/busy schedule …" (schedule.ts). */
describe('Graph stand-in: calendar getSchedule', () => {
  const graph = new GraphStandIn();
  let bobId = '';
  beforeAll(async () => {
    await graph.start();
    bobId = graph.addUser('bob@contoso.com', 'Bob Baker').id;
    graph.addMailbox('bob@contoso.com');
    graph.addPersonalEvent('bob@contoso.com', 'Holiday', new Date('2026-03-09T23:00:00Z'), new Date('2026-03-14T23:00:00Z'), 'oof');
    graph.addPersonalEvent('bob@contoso.com', 'Dentist', new Date('2026-03-16T08:00:00Z'), new Date('2026-03-16T09:00:00Z'), 'busy');
  });
  afterAll(() => graph.stop());

  const utc = (iso: string) => ({ dateTime: iso, timeZone: 'UTC' });
  async function ask(path: string, body: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${graph.url}${path}`, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  }
  const path = () => `/users/${bobId}/calendar/getSchedule`;

  it('answers each schedule asked, in order: items with their status in UTC, the view, and an error item for an address nobody has', async () => {
    const r = await ask(path(), { schedules: ['bob@contoso.com', 'nobody@contoso.com'], startTime: utc('2026-03-09T00:00:00'), endTime: utc('2026-03-17T00:00:00'), availabilityViewInterval: 1440 });
    expect(r.status).toBe(200);
    expect(r.body.value.map((v: { scheduleId: string }) => v.scheduleId)).toEqual(['bob@contoso.com', 'nobody@contoso.com']);
    const bob = r.body.value[0];
    expect(bob.scheduleItems.map((i: any) => [i.status, i.start, i.end])).toEqual([
      ['oof', { dateTime: '2026-03-09T23:00:00.0000000', timeZone: 'UTC' }, { dateTime: '2026-03-14T23:00:00.0000000', timeZone: 'UTC' }],
      ['busy', { dateTime: '2026-03-16T08:00:00.0000000', timeZone: 'UTC' }, { dateTime: '2026-03-16T09:00:00.0000000', timeZone: 'UTC' }],
    ]);
    // One day a slot, 9–16 March: 9 (from 23:00) to 14 out of office, 15 free, 16 busy.
    expect(bob.availabilityView).toBe('33333302');
    expect(r.body.value[1].error.responseCode).toBe('ErrorMailRecipientNotFound');
    expect(r.body.value[1].scheduleItems).toEqual([]);
  });

  it('refuses more than 20 schedules with ErrorMailboxDataArrayTooBig, and takes 20', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@contoso.com`);
    const window = { startTime: utc('2026-03-09T00:00:00'), endTime: utc('2026-03-10T00:00:00') };
    const refused = await ask(path(), { schedules: many(21), ...window });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'ErrorMailboxDataArrayTooBig']);
    expect(refused.body.error.message).toContain('The allowed size = 20; the actual size = 21.');
    expect((await ask(path(), { schedules: many(20), ...window })).status).toBe(200);
  });

  it('refuses a period of 62 days or more with ErrorInvalidTimeInterval, and takes 61', async () => {
    const refused = await ask(path(), { schedules: ['bob@contoso.com'], startTime: utc('2026-03-01T00:00:00'), endTime: utc('2026-05-02T00:00:00') });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'ErrorInvalidTimeInterval']);
    expect((await ask(path(), { schedules: ['bob@contoso.com'], startTime: utc('2026-03-01T00:00:00'), endTime: utc('2026-05-01T00:00:00') })).status).toBe(200);
  });

  it('refuses /me with an app-only token, an unknown path user, and an interval outside 5–1440 minutes', async () => {
    const body = { schedules: ['bob@contoso.com'], startTime: utc('2026-03-09T00:00:00'), endTime: utc('2026-03-10T00:00:00') };
    expect((await ask('/me/calendar/getSchedule', body)).body.error.message).toBe('/me request is only valid with delegated authentication flow.');
    expect((await ask('/users/ghost@contoso.com/calendar/getSchedule', body)).status).toBe(404);
    graph.addUser('nomail@contoso.com', 'No Mailbox'); // in Entra, without an Exchange Online mailbox
    const nomail = await ask('/users/nomail@contoso.com/calendar/getSchedule', body);
    expect([nomail.status, nomail.body.error.code, nomail.body.error.message]).toEqual([404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.']);
    expect((await ask(path(), { ...body, availabilityViewInterval: 4 })).status).toBe(400);
    expect((await ask(path(), { ...body, availabilityViewInterval: 1441 })).status).toBe(400);
  });
});
