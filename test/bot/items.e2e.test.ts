import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.js';
import { startBot, stopBot, type BotWorld } from './botHarness.js';
import { ask, cardJson, click, refusal, say } from './itemKit.js';

// Wednesday 4 March 2026, 10:00 Berlin: Alice has Op of the Week, Frank Dev of the Week; Erin is an admin of both.
describe.each(ENGINES)('open items in chat (%s)', (engine) => {
  let w: BotWorld;
  beforeAll(async () => {
    w = await startBot(engine);
  });
  afterAll(() => stopBot(w));

  it('item add: numbered, held by the person on duty, the text as typed', async () => {
    expect(await ask(w, 'alice', 'item add Nightly backup FAILED: https://ci.example.com/Job/42')).toBe(
      'Added **#1** to **Op of the Week**: Nightly backup FAILED: https://ci.example.com/Job/42\n\nHeld by <at>Alice Archer</at>.',
    );
    expect(await ask(w, 'carol', 'item add ops Certificates expire Friday')).toBe('Added **#2** to **Op of the Week**: Certificates expire Friday\n\nHeld by <at>Alice Archer</at>, on duty now.');
    expect(await w.t.db('items').orderBy('n').pluck('holder')).toEqual(['alice@contoso.com', 'alice@contoso.com']);
  });

  it('item add: no rotation to go by, or no text, is asked about and adds nothing', async () => {
    expect(await ask(w, 'erin', 'item add disk full')).toBe('Which rotation? Name it first, e.g. "item add dev …". Rotations: dev (Dev of the Week), ops (Op of the Week).');
    expect(await ask(w, 'alice', 'item add ops')).toBe('What is the item? Write it after the command: "item add ops Nightly backup failed".');
    expect(await w.t.db('items').count({ n: '*' }).first()).toEqual({ n: 2 });
  });

  it('items lists the open ones with holder and since when', async () => {
    expect(await ask(w, 'bob', 'items')).toBe(
      'Open items (2):\n- **#1** (ops) Nightly backup FAILED: https://ci.example.com/Job/42 — <at>Alice Archer</at>, since Wed 4 Mar 10:00 GMT+1\n- **#2** (ops) Certificates expire Friday — <at>Alice Archer</at>, since Wed 4 Mar 10:00 GMT+1',
    );
  });

  it('item done: only the holder, the person on duty or an admin; unknown, bad and closed numbers change nothing', async () => {
    expect(await ask(w, 'bob', 'item done 2')).toBe('#2 is not yours to close: only its holder (Alice Archer), the person on duty or an admin can. Nothing changed.');
    expect(await ask(w, 'alice', 'item done 9')).toBe('There is no item #9. Say "items" to see the open ones.');
    expect(await ask(w, 'alice', 'item done soon')).toBe('"soon" is not an item number: write it as in "items", e.g. #12.');
    expect(await ask(w, 'alice', 'item done #2 Renewed by Let\'s Encrypt')).toBe("Closed **#2**: Certificates expire Friday (Renewed by Let's Encrypt)");
    expect(await ask(w, 'erin', 'item done 2')).toBe('#2 is closed already (by Alice Archer); nothing changed.');
    expect(await w.t.db('item_events').where({ item_n: 2 }).orderBy('id').pluck('kind')).toEqual(['opened', 'closed']);
  });

  it('item assign: to a rotation member only, by the holder', async () => {
    expect(await ask(w, 'alice', 'item assign 1 <at>Erin Ende</at>', { mentions: ['erin'] })).toBe('Erin Ende is in no rotation, so #1 cannot go to them. Nothing changed.');
    expect(await ask(w, 'alice', 'item assign 1')).toBe('Pass it to whom? Mention them: item assign 12 @person');
    expect(await ask(w, 'dave', 'item assign 1 <at>Dave Dunn</at>', { mentions: ['dave'] })).toBe(
      '#1 is not yours to pass: only its holder (Alice Archer), the person on duty or an admin can. Nothing changed.',
    );
    expect(await ask(w, 'alice', 'item assign 1 <at>Carol Cook</at>', { mentions: ['carol'] })).toBe(
      "**#1** is now held by <at>Carol Cook</at> (it was <at>Alice Archer</at>'s): Nightly backup FAILED: https://ci.example.com/Job/42",
    );
  });

  const cardTo = (sent: Awaited<ReturnType<typeof say>>, who: string) => sent.find((r) => r.method === 'POST' && r.path.includes(`chat-${who}`) && JSON.stringify(r.body).includes('item.take.accept'));
  /** The request the take-over card sent to `who` answers (what its buttons carry). */
  const requestIn = (sent: Awaited<ReturnType<typeof say>>, who: string) => /"requestId":"(take-[^"]+)"/.exec(JSON.stringify(cardTo(sent, who)!.body))![1]!;

  it('item take: a card asks the holder; a forged or unknown answer changes nothing; "Keep it" keeps it', async () => {
    const sent = await say(w, 'bob', 'item take 1');
    expect(JSON.stringify(cardTo(sent, 'carol')!.body)).toContain('wants to take over **#1** (Op of the Week): Nightly backup FAILED');
    expect(sent.at(-1)!.body.text).toBe('I asked <at>Carol Cook</at> to let you take over **#1**: Nightly backup FAILED: https://ci.example.com/Job/42. I will tell you their answer.');
    const id = requestIn(sent, 'carol');
    expect(refusal((await click(w, 'dave', 'item.take.accept', { requestId: id })).body)).toBe('Only Carol Cook can answer this: #1 was theirs when it was asked. Nothing changed.');
    expect(refusal((await click(w, 'carol', 'item.take.accept', { requestId: 'take-forged' })).body)).toBe('I know nothing about this take-over request; nothing changed.');
    expect(await w.t.db('items').where({ n: 1 }).pluck('holder')).toEqual(['carol@contoso.com']);
    const kept = await click(w, 'carol', 'item.take.decline', { requestId: id });
    expect(cardJson(kept.body)).toContain('You kept it at Wed 4 Mar 10:00 GMT+1; Bob Baker was told.');
    expect(kept.sent.find((r) => r.path.includes('chat-bob'))!.body.text).toBe('<at>Carol Cook</at> keeps **#1**: Nightly backup FAILED: https://ci.example.com/Job/42.');
    expect(await w.t.db('items').where({ n: 1 }).pluck('holder')).toEqual(['carol@contoso.com']);
  });

  it('item take: "Let them" moves it and tells both; pressing again changes nothing; the new holder is told it is theirs', async () => {
    const id = requestIn(await say(w, 'bob', 'item take 1'), 'carol');
    const let_ = await click(w, 'carol', 'item.take.accept', { requestId: id });
    expect(cardJson(let_.body)).toContain('✅ You let Bob Baker take it over at Wed 4 Mar 10:00 GMT+1: it is theirs now.');
    expect(let_.sent.find((r) => r.path.includes('chat-bob'))!.body.text).toBe('<at>Carol Cook</at> let you take over **#1**: Nightly backup FAILED: https://ci.example.com/Job/42. It is yours now.');
    const again = await click(w, 'carol', 'item.take.decline', { requestId: id });
    expect(cardJson(again.body)).toContain('✅ You let Bob Baker take it over');
    expect(again.sent.filter((r) => r.path.includes('chat-bob'))).toEqual([]);
    expect(await w.t.db('items').where({ n: 1 }).pluck('holder')).toEqual(['bob@contoso.com']);
    expect(await ask(w, 'bob', 'item take #1')).toBe('#1 is already yours.');
  });

  it('item take: accepted after the item moved on, the request is stale and moves nothing', async () => {
    const id = requestIn(await say(w, 'dave', 'item take 1'), 'bob');
    await ask(w, 'alice', 'item assign 1 <at>Carol Cook</at>', { mentions: ['carol'] });
    const late = await click(w, 'bob', 'item.take.accept', { requestId: id });
    expect(cardJson(late.body)).toContain('#1 moved to Carol Cook since Dave Dunn asked: nothing changed.');
    expect(await w.t.db('items').where({ n: 1 }).pluck('holder')).toEqual(['carol@contoso.com']);
  });

  it('item <n> shows who opened, held, passed and closed it, and when', async () => {
    expect(await ask(w, 'erin', 'item 1')).toBe(
      '**#1** in **Op of the Week**: Nightly backup FAILED: https://ci.example.com/Job/42\n\nHeld by <at>Carol Cook</at>.\n\nHistory:' +
        '\n- Wed 4 Mar 10:00 GMT+1: opened by <at>Alice Archer</at>, held by <at>Alice Archer</at>' +
        '\n- Wed 4 Mar 10:00 GMT+1: passed by <at>Alice Archer</at> from <at>Alice Archer</at> to <at>Carol Cook</at>' +
        '\n- Wed 4 Mar 10:00 GMT+1: taken over by <at>Bob Baker</at> from <at>Carol Cook</at> (they agreed)' +
        '\n- Wed 4 Mar 10:00 GMT+1: passed by <at>Alice Archer</at> from <at>Bob Baker</at> to <at>Carol Cook</at>',
    );
    expect(await ask(w, 'erin', 'item 2')).toMatch(/^\*\*#2\*\* in \*\*Op of the Week\*\*: Certificates expire Friday\n\nClosed\.\n\nHistory:\n.*\n- Wed 4 Mar 10:00 GMT\+1: closed by <at>Alice Archer<\/at>: Renewed by Let's Encrypt$/);
    expect(await ask(w, 'erin', 'items all')).toContain('**#2** (ops) Certificates expire Friday — <at>Alice Archer</at>, since Wed 4 Mar 10:00 GMT+1, closed Wed 4 Mar 10:00 GMT+1');
  });

  it('answers in a channel too', async () => {
    expect(await ask(w, 'carol', '<at>Rota</at> item add Certs for the VPN', { channel: true })).toBe('Added **#3** to **Op of the Week**: Certs for the VPN\n\nHeld by <at>Alice Archer</at>, on duty now.');
    expect(await ask(w, 'carol', '<at>Rota</at> items ops', { channel: true })).toMatch(/^Open items \(2\):\n- \*\*#1\*\* .*\n- \*\*#3\*\* \(ops\) Certs for the VPN — <at>Alice Archer<\/at>, since Wed 4 Mar 10:00 GMT\+1$/);
  });

  it('every change is in the audit log', async () => {
    const actions = await w.t.db('audit_log').where('action', 'like', 'item.%').orderBy('id').pluck('action');
    expect(actions).toEqual([
      'item.opened', 'item.opened', 'item.closed', 'item.assigned',
      'item.takeover.asked', 'item.takeover.answered', 'item.takeover.asked', 'item.taken', 'item.takeover.answered',
      'item.takeover.asked', 'item.assigned', 'item.takeover.answered', 'item.opened',
    ]);
  });
});
