import { afterEach, describe, expect, it } from 'vitest';
import { installActivity, TEAM_1 } from '../helpers/connectorStandIn.js';
import { ENGINES } from '../helpers/databases.js';
import { CATALOG_ID, CHANNEL, MAILBOX, PEOPLE, startWorld, type World } from './realTenantWorld.js';

/**
 * Issue #11, "Done means": the real server (startRota: CloudAdapter, HTTP, scheduler, database) with an injected
 * clock, the Bot Connector stand-in and the Graph stand-in, in a tenant as it really is (realTenantWorld.ts).
 *
 * Op of the Week, weekly from Mon 5 Jan 2026, Mon 12:00 Europe/Amsterdam, [ann, ben, cas]: week 10 (16 Mar) is
 * ben's, week 11 (23 Mar) cas's, week 12 (30 Mar) ann's. Olga (in no rotation) covers Wed 18 Mar 00:00–Thu 19 Mar
 * 00:00 Amsterdam for ben. Amsterdam is UTC+1 until Sun 29 Mar 2026 01:00Z, UTC+2 after, so by hand:
 *   olga 2026-03-17T23:00Z – 2026-03-18T23:00Z, ben – 2026-03-23T11:00Z, cas – 2026-03-30T10:00Z, ann – 2026-04-06T10:00Z.
 */
const WEDNESDAY = Date.parse('2026-03-18T10:00:00Z'); // olga covering
const SUNDAY = Date.parse('2026-03-22T11:00:00Z'); // 24 h before cas's shift: the 1-day reminder
const HANDOFF = Date.parse('2026-03-23T11:00:00Z'); // Mon 23 Mar 12:00 Amsterdam: ben → cas
const REMINDER = 'Heads-up: your **Op of the Week** shift starts Mon 23 Mar 12:00 GMT+1. Say "remind off" to stop these.';

const utc = (iso: string) => ({ dateTime: `${iso}.0000000`, timeZone: 'UTC' });
const mention = (name: string, id: string) => ({ type: 'mention', text: `<at>${name}</at>`, mentioned: { id, name } });

describe.each(ENGINES)('Rota in a real tenant, end to end (%s)', (engine) => {
  let w: World;
  afterEach(() => w?.stop());

  /** Started on Wednesday (its start-up reconcile syncs tag and calendar); Rota added to the team; ann and ben write to it. */
  async function world() {
    w = await startWorld(engine, WEDNESDAY);
    const install = await fetch(`${w.rota.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(installActivity(w.connector.url, { team: TEAM_1 })) });
    expect(install.status).toBe(200);
    await w.say('ann', 'my shifts');
    await w.say('ben', 'my shifts');
  }

  /** The tag's id as Graph gave it (base64: may hold '/', '+', '=='), made known to the connector's tenant. */
  async function tagKnownToTeams() {
    const res = await fetch(`${w.graph.url}/teams/${TEAM_1.groupId}/tags`, { headers: { authorization: 'Bearer test' } });
    const tags = ((await res.json()) as { value: Array<{ id: string; displayName: string }> }).value;
    expect(tags.map((t) => t.displayName)).toEqual(['ops-oncall']);
    w.connector.addTag(TEAM_1.groupId, tags[0]!.id);
    return tags[0]!.id;
  }

  it('syncs tag and calendar, installs Rota for the member who never wrote, reminds her 1:1, posts the handoff, and `who` mentions her', async () => {
    await world();
    const id = (who: keyof typeof PEOPLE) => w.user(who).id;

    // The tag holds exactly the person on duty, by object id: olga, the outsider covering (resolved by mail, not UPN).
    expect(w.graph.tagMembers(TEAM_1.groupId, 'ops-oncall')).toEqual([PEOPLE.olga.upn]);
    const tagWrites = w.graph.writes().filter((r) => /^\/teams\/[^/]+\/tags/.test(r.path));
    expect(tagWrites.map((r) => [r.method, decodeURIComponent(r.path), r.body])).toEqual([
      ['POST', `/teams/${TEAM_1.groupId}/tags`, expect.objectContaining({ displayName: 'ops-oncall', members: [{ userId: id('olga') }] })],
    ]);

    // The calendar: the right UTC instants across the DST change, display names (the outsider's too).
    const events = w.graph.calendar(MAILBOX, 'On call')!.events.slice(0, 4);
    expect(events.map((e) => [e.subject, e.start, e.end])).toEqual([
      ['On call: Olga Olsen — Op of the Week', utc('2026-03-17T23:00:00'), utc('2026-03-18T23:00:00')],
      ['On call: Ben Baker — Op of the Week', utc('2026-03-18T23:00:00'), utc('2026-03-23T11:00:00')],
      ['On call: Cas Cook — Op of the Week', utc('2026-03-23T11:00:00'), utc('2026-03-30T10:00:00')],
      ['On call: Ann Archer — Op of the Week', utc('2026-03-30T10:00:00'), utc('2026-04-06T10:00:00')],
    ]);
    // Sent as UTC with timeZone "UTC", never the IANA name Graph refuses; Graph refused nothing but the UPN guesses.
    const eventWrites = w.graph.requests.filter((r) => /\/events/.test(r.path) && r.method !== 'GET');
    expect(eventWrites.length).toBeGreaterThanOrEqual(14);
    for (const r of eventWrites) expect(r.body).toMatchObject({ start: { timeZone: 'UTC' }, end: { timeZone: 'UTC' } });
    const freeBusy = (r: { path: string }) => r.path.endsWith('/calendar/getSchedule');
    expect(w.graph.requests.filter((r) => r.status >= 400 && !freeBusy(r)).map((r) => `${r.status} ${decodeURIComponent(r.path)}`).sort()).toEqual(
      ['ann', 'ben', 'cas', 'olga'].map((p) => `404 /users/${p}@contoso.com`),
    );
    // Nobody here has a personal mailbox: free/busy is asked as each resolved member in turn, each refused (404).
    expect(w.graph.requests.filter(freeBusy).map((r) => r.status)).toEqual([404, 404, 404, 404]);

    // `rota sync` with the app registration: proactive installation for cas (no chat with Rota), and Teams then lets Rota open a 1:1 with her.
    expect(w.connector.members.get(PEOPLE.cas.teamsId)!.installed).toBe(false);
    expect((await w.sync(WEDNESDAY + 10 * 60_000)).code).toBe(0);
    const installs = w.graph.requests.filter((r) => r.method === 'POST' && r.path === `/users/${id('cas')}/teamwork/installedApps`);
    expect(installs.map((r) => [r.body, r.status])).toEqual([[{ 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${CATALOG_ID}` }, 201]]);
    expect(w.connector.members.get(PEOPLE.cas.teamsId)!.installed).toBe(true);

    // The reminder reaches her 1:1, in a chat opened by her object id.
    w.clock.now = SUNDAY;
    let mark = w.connector.requests.length;
    await w.rota.handoffs.tick(SUNDAY);
    const reminder = w.connector.requests.slice(mark);
    expect(reminder.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/v3/conversations'],
      ['POST', '/v3/conversations/a%3Anew-chat-4/activities'],
    ]);
    expect(reminder[0]!.body).toMatchObject({ isGroup: false, members: [{ id: id('cas') }], tenantId: 'tenant-1' });
    expect(reminder[1]!.body.text).toBe(REMINDER);

    // The handoff post reaches the channel named by id in the team named by group id, mentioning both people and the tag.
    const tagId = await tagKnownToTeams();
    w.clock.now = HANDOFF + 30_000;
    mark = w.connector.requests.length;
    await w.rota.handoffs.tick(w.clock.now);
    const posts = w.connector.requests.slice(mark).filter((r) => r.method === 'POST');
    expect(posts.map((r) => [r.path, r.body.channelData])).toEqual([['/v3/conversations', { channel: { id: CHANNEL }, tenant: { id: 'tenant-1' } }]]);
    const activity = posts[0]!.body.activity as { text: string; entities: unknown[]; attachments: Array<{ content: { msteams: { entities: unknown[] } } }> };
    expect(activity.text).toBe('Handoff: <at>Ben Baker</at> → <at>Cas Cook</at>');
    expect(activity.entities).toEqual([mention('Ben Baker', PEOPLE.ben.teamsId), mention('Cas Cook', id('cas'))]);
    expect(activity.attachments[0]!.content.msteams.entities).toEqual([
      mention('Ben Baker', PEOPLE.ben.teamsId),
      mention('Cas Cook', id('cas')),
      { type: 'mention', text: '<at>ops-oncall</at>', mentioned: { id: tagId, name: 'ops-oncall', type: 'tag' } },
    ]);
    expect(JSON.stringify(activity)).not.toMatch(/@contoso\.(com|onmicrosoft\.com)/);

    // After the handoff the tag holds cas alone.
    expect((await w.sync(HANDOFF + 10 * 60_000)).code).toBe(0);
    expect(w.graph.tagMembers(TEAM_1.groupId, 'ops-oncall')).toEqual([PEOPLE.cas.upn]);

    // `who`, asked by ann in her personal chat, @mentions cas, who never spoke to Rota, by her object id.
    w.clock.now = HANDOFF + 10 * 60_000;
    const [answer] = await w.say('ann', 'who ops');
    expect(answer!.body.text).toBe('**Op of the Week**: <at>Cas Cook</at> since Mon 23 Mar 12:00 GMT+1 until Mon 30 Mar 12:00 GMT+2; next: <at>Ann Archer</at> from Mon 30 Mar 12:00 GMT+2');
    expect(answer!.body.entities).toEqual([mention('Cas Cook', id('cas')), mention('Ann Archer', PEOPLE.ann.teamsId)]);
  }, 60_000);
});
