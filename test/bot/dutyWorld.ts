import { expect } from 'vitest';
import { TEAM_1, actionInvoke, installActivity, teamsMessage, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { PEOPLE, type BotWorld } from './botHarness.js';

export const CHANNEL = '19:ops@thread.tacv2';

/**
 * Op of the Week in Berlin, weekly from Mon 5 Jan 2026 09:00 (alice, bob, carol in turn): Mon 23 Mar is week 11
 * (carol), Mon 30 Mar week 12 (alice). A file override gives Thu 26 Mar to bob. Three duties: weekdays 09:15 with a
 * link, Sun 02:30 (in the spring-forward gap on 29 Mar) and the Saturday release in the channel.
 */
export const DUTY_FILE = `timezone: Europe/Berlin
admins: [erin@contoso.com]
rotations:
  - id: ops
    name: Op of the Week
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    members: [alice@contoso.com, bob@contoso.com, carol@contoso.com]
    channel: { team: ${TEAM_1.groupId}, id: "${CHANNEL}" }
    duties:
      - { at: "Mon-Fri 09:15", task: "Check overnight alerts", link: "https://runbooks.contoso.com/alerts" }
      - { at: "Sun 02:30", task: "Check the night backup" }
      - { at: "Sat 08:00", task: "Release day: watch the roll-out", post: channel }
overrides:
  - { rotation: ops, from: "2026-03-26T00:00", to: "2026-03-27T00:00", member: bob@contoso.com }
`;

export type Who = keyof typeof PEOPLE;
export const account = (who: Who) => ({ id: PEOPLE[who].id, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].aadObjectId });
export const chatOf = (who: Who) => ({ id: `a:chat-${who}`, conversationType: 'personal' as const });

/** A duty card Rota sent: to whom (a person's chat, or the channel), its task, its key and its text. */
export interface SentDuty {
  to: string;
  task: string;
  key: string;
  texts: string[];
}

const cardOf = (activity: Record<string, unknown>) => (activity.attachments as Array<{ content: { body: Array<{ text?: string }>; actions?: Array<{ verb?: string; data?: { key?: string } }> } }> | undefined)?.[0]?.content;

/** The duty cards among recorded requests (new posts only, not in-place updates). */
export function dutyCards(requests: RecordedRequest[]): SentDuty[] {
  return requests.flatMap((r) => {
    if (r.method !== 'POST') return [];
    const inThread = r.path === '/v3/conversations' && r.body.activity;
    const activity = (inThread ? r.body.activity : r.body) as Record<string, unknown>;
    const card = cardOf(activity);
    if (!card || !String(card.body[0]?.text ?? '').startsWith('Duty · ')) return [];
    const chat = /^\/v3\/conversations\/a%3Achat-(\w+)\/activities$/.exec(r.path);
    const to = inThread ? 'channel' : (chat?.[1] ?? r.path);
    const key = card.actions?.find((a) => a.verb === 'duty.done')?.data?.key ?? '';
    return [{ to, task: String(card.body[1]?.text), key, texts: card.body.map((b) => b.text ?? '') }];
  });
}

/** Messages and clicks from the people of the test, through the real server. */
export function people(w: () => BotWorld) {
  return {
    async say(who: Who, text: string): Promise<string[]> {
      const mark = w().h.mark();
      const res = await w().h.post(teamsMessage({ serviceUrl: w().connector.url, text, from: account(who), conversation: chatOf(who) }));
      expect(res.status).toBe(200);
      return w().h.since(mark).filter((r) => typeof r.body.text === 'string').map((r) => r.body.text as string);
    },
    async click(who: Who, verb: string, data: Record<string, unknown>): Promise<{ value: unknown; texts: string[] }> {
      const res = await w().h.post(actionInvoke(w().connector.url, { verb, data, from: account(who), conversation: chatOf(who) }));
      const body = res.body as { value: unknown };
      const card = typeof body.value === 'object' ? (body.value as { body: Array<{ text?: string }> }) : undefined;
      return { value: body.value, texts: card ? card.body.map((b) => b.text ?? '').filter(Boolean) : [] };
    },
    async install(): Promise<void> {
      w().connector.addChannel(TEAM_1.groupId, CHANNEL);
      expect((await w().h.post(installActivity(w().connector.url, { team: TEAM_1, channel: CHANNEL }))).status).toBe(200);
    },
  };
}
