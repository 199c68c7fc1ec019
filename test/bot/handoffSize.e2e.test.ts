import { afterEach, describe, expect, it } from 'vitest';
import { TEAM_1, actionInvoke, installActivity, teamsMessage, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { PEOPLE, startBot, stopBot, type BotWorld } from './botHarness.js';

// Handover notes are limited where they are saved (the form's maxLength is the same limit, but an Action.Submit
// fallback or a hand-made submission skips it), and a handoff Teams refuses as too large (413) is posted short.
const CHANNEL = '19:ops@thread.tacv2';
const HANDOFF = Date.parse('2026-03-09T11:00:00Z'); // Mon 9 Mar 12:00 Berlin: Alice hands over to Bob
const KEY = `handoff:ops:${HANDOFF}`;
const NOTES_4000 = '引継'.repeat(2000); // 4,000 CJK characters, 12,000 bytes of UTF-8: allowed
const alice = { id: PEOPLE.alice.id, name: PEOPLE.alice.name, aadObjectId: PEOPLE.alice.aadObjectId };
const threadPosts = (rs: RecordedRequest[]) => rs.filter((r) => r.method === 'POST' && r.path === '/v3/conversations');

describe.each(ENGINES)('handover size: refused over the limit when saved, the handoff never lost to a 413 (%s)', (engine) => {
  let w: BotWorld;
  afterEach(() => stopBot(w));

  const save = async (notes: string, openItems: string) =>
    (await w.h.post(actionInvoke(w.connector.url, { verb: 'handover.save', data: { rotationId: 'ops', notes, openItems }, from: alice }))).body;

  it('notes over 4,000 characters are refused naming the field and the limit, also through the Action.Submit fallback', async () => {
    w = await startBot(engine);
    expect(await save(`${NOTES_4000}。`, '')).toMatchObject({ value: 'notes: at most 4,000 characters, this handover has 4,001. Shorten it and save again.' });
    expect(await save('short', 'y'.repeat(4001))).toMatchObject({ value: 'openItems: at most 4,000 characters, this handover has 4,001. Shorten it and save again.' });
    const mark = w.h.mark();
    const submit = { verb: 'handover.save', rotationId: 'ops', notes: `${NOTES_4000}。`, openItems: '' };
    await w.h.post(teamsMessage({ serviceUrl: w.connector.url, text: '', from: alice, value: submit }));
    expect(JSON.stringify(w.h.since(mark).map((r) => r.body))).toContain('notes: at most 4,000 characters, this handover has 4,001. Shorten it and save again.');
    expect(await w.t.db('handover_notes').pluck('rotation_id')).toEqual([]);
    expect(JSON.stringify(await save(NOTES_4000, ''))).toContain('Handover for Op of the Week saved');
  });

  it('Teams answers 413 to the handoff card: the short card is posted (who hands over to whom, the button) and recorded', async () => {
    w = await startBot(engine);
    w.connector.addChannel(TEAM_1.groupId, CHANNEL);
    expect((await w.h.post(installActivity(w.connector.url, { team: TEAM_1, channel: CHANNEL }))).status).toBe(200);
    expect(JSON.stringify(await save(NOTES_4000, '- INC-1 disk\nINC-2 certs'))).toContain('2 open items');

    w.h.clock.now = HANDOFF + 30_000;
    w.connector.failNext(1, 413);
    const mark = w.h.mark();
    await w.h.rota.handoffs.tick(w.h.clock.now);
    const posts = threadPosts(w.h.since(mark));
    expect(posts).toHaveLength(2);
    expect(JSON.stringify(posts[0]!.body.activity)).toContain('引継引継');
    const short = JSON.stringify(posts[1]!.body.activity);
    expect(short).not.toContain('引継');
    expect(short).not.toContain('INC-1');
    expect(short).toContain('"text":"<at>Alice Archer</at> → bob@contoso.com at Mon 9 Mar 12:00 GMT+1"'); // Bob never wrote to Rota
    expect(short).toContain('The handover notes and open items were left out: Teams refused the full card as too large (413). Ask Alice Archer for them.');
    expect(short).toContain('"verb":"handoff.ack"');
    expect(short).toContain('"mentioned":{"id":"29:alice","name":"Alice Archer"}');

    const row = await w.t.db('bot_posts').where({ key: KEY }).first();
    expect(row.state).toBe('posted');
    const detail = typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail;
    expect(detail).toMatchObject({ notesLeftOut: { reason: 'Teams refused the full card as too large (413)' }, openItems: [] });
    expect(detail.notes).toBeUndefined();

    await w.h.rota.handoffs.tick(w.h.clock.now + 60_000); // posted: the minute tick sends nothing again
    expect(threadPosts(w.h.since(mark))).toHaveLength(2);
  });
});
