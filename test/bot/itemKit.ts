import { expect } from 'vitest';
import { actionInvoke, teamsMessage, TEAM_1, type RecordedRequest } from '../helpers/connectorStandIn.js';
import { PEOPLE, type BotWorld } from './botHarness.js';

// What the item and escalation e2e tests share: saying something to Rota and clicking a card button as a person.

export const OPS_CHANNEL = { id: '19:ops@thread.tacv2', conversationType: 'channel' as const };
export const personal = (who: keyof typeof PEOPLE) => ({ id: `a:chat-${who}`, conversationType: 'personal' as const });
export const from = (who: keyof typeof PEOPLE) => ({ id: PEOPLE[who].id, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].aadObjectId });

/** Says `text` as `who` (in their personal chat unless `channel`); the requests Rota made while answering. */
export async function say(w: BotWorld, who: keyof typeof PEOPLE, text: string, o: { channel?: boolean; mentions?: Array<keyof typeof PEOPLE> } = {}): Promise<RecordedRequest[]> {
  const mark = w.h.mark();
  const res = await w.h.post(
    teamsMessage({
      serviceUrl: w.connector.url,
      text,
      from: from(who),
      conversation: o.channel ? OPS_CHANNEL : personal(who),
      ...(o.channel ? { team: TEAM_1 } : {}),
      mentions: (o.mentions ?? []).map((m) => ({ id: PEOPLE[m].id, name: PEOPLE[m].name })),
    }),
  );
  expect(res.status).toBe(200);
  return w.h.since(mark);
}

/** The text of Rota's last message in a conversation it answered in. */
export const lastText = (sent: RecordedRequest[]): string => sent.filter((r) => r.method === 'POST' && typeof r.body.text === 'string').at(-1)!.body.text as string;

/** Says `text` and gives Rota's answer (its last message). */
export async function ask(w: BotWorld, who: keyof typeof PEOPLE, text: string, o: { channel?: boolean; mentions?: Array<keyof typeof PEOPLE> } = {}): Promise<string> {
  return lastText(await say(w, who, text, o));
}

/** Clicks a card button (an Action.Execute invoke) as `who`; the invoke's body and what Rota sent meanwhile. */
export async function click(w: BotWorld, who: keyof typeof PEOPLE, verb: string, data: Record<string, unknown>): Promise<{ body: unknown; sent: RecordedRequest[] }> {
  const mark = w.h.mark();
  const res = await w.h.post(actionInvoke(w.connector.url, { verb, data, from: from(who), conversation: personal(who) }));
  expect(res.status).toBe(200);
  return { body: res.body, sent: w.h.since(mark) };
}

/** An invoke answered with a message (a refusal): its text. */
export const refusal = (body: unknown): string => {
  const b = body as { type: string; value: unknown };
  expect(b.type).toBe('application/vnd.microsoft.activity.message');
  return b.value as string;
};
/** An invoke answered with a card: the card as JSON text. */
export const cardJson = (body: unknown): string => {
  const b = body as { type: string; value: unknown };
  expect(b.type).toBe('application/vnd.microsoft.card.adaptive');
  return JSON.stringify(b.value);
};
