import type { Activity, ChannelAccount, Entity, Mention } from 'botbuilder';
import type { PersonRef } from '../app/usecases/context.js';

/** Text and entities that make up a message; mentions need both (`<at>Name</at>` and a mention entity). */
export interface Rich {
  text: string;
  entities: Mention[];
}

export const shownName = (p: PersonRef): string => p.displayName ?? p.email;

/**
 * The id a mention of the person notifies them by, best first: the Teams user id (29:…), else the Entra object id
 * Teams sent, else the one the Graph sync resolved, else a UPN a service confirmed. Teams accepts all of these in
 * `mentioned.id`, in message text and in Adaptive Cards (msteams-docs, "Channel and group chat conversations with a
 * bot", section "AAD Object ID and UPN in user mention";
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations).
 * A roster address is never sent as a UPN: for a person whose mail differs from their UPN it would mention nobody.
 */
export function mentionId(p: PersonRef): string | undefined {
  return p.teamsId ?? p.aadObjectId ?? p.objectId ?? p.upn;
}

/** A real @mention when an id Teams accepts is known (mentionId); otherwise the plain name, which never fails to render. */
export function mention(p: PersonRef): Rich {
  const id = mentionId(p);
  const name = shownName(p);
  if (!id) return { text: name, entities: [] };
  const text = `<at>${escapeAt(name)}</at>`;
  return { text, entities: [{ type: 'mention', text, mentioned: { id, name } } as Mention] };
}

/** The synced Teams tag as a mention (standard channels only). */
export function tagMention(tag: { id: string; name: string }): Rich {
  const text = `<at>${escapeAt(tag.name)}</at>`;
  // Teams reads `mentioned.type` to tell a tag from a person; botbuilder's ChannelAccount does not list it.
  const mentioned: ChannelAccount & { type: 'tag' } = { id: tag.id, name: tag.name, type: 'tag' };
  const entity: Mention = { type: 'mention', text, mentioned };
  return { text, entities: [entity] };
}

/**
 * A card with its tag mentions turned into plain text. "Channel and group chat conversations with a bot", Tag
 * mention, Limitations (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/
 * channel-and-group-conversations): "Tag mentions don't support the invoke flow in a bot", so no card answered to
 * a card action may carry one; people mentions stay.
 */
export function withoutTagMentions<T extends Record<string, unknown>>(card: T): T {
  const msteams = card.msteams as { entities?: Mention[] } | undefined;
  const tags = (msteams?.entities ?? []).filter((e) => (e.mentioned as { type?: string } | undefined)?.type === 'tag');
  if (tags.length === 0) return card;
  const plain = (s: string) => tags.reduce((t, e) => t.split(e.text).join(`@${e.mentioned.name ?? ''}`), s);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return plain(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const people = (msteams?.entities ?? []).filter((e) => !tags.includes(e));
  const { msteams: _m, ...body } = card;
  const { entities: _e, ...settings } = msteams ?? {};
  return { ...(walk(body) as T), msteams: people.length ? { ...settings, entities: people } : settings };
}

function escapeAt(s: string): string {
  return s.replace(/[<>]/g, '');
}

/**
 * Joins pieces of rich text; each one mentioned (by `mentioned.id`, and the tag's text) is kept once. Not by the
 * `<at>` text alone: two people with the same display name have the same text, and the second would get no entity,
 * so Teams would not notify them. The text keeps every `<at>`; each entity is matched to its `<at>…</at>` text
 * ("Channel and group chat conversations with a bot", Add mentions to your messages: the entity's `text` "must
 * match a portion of the message text").
 */
export function rich(parts: Array<string | Rich>, sep = ''): Rich {
  const text = parts.map((p) => (typeof p === 'string' ? p : p.text)).join(sep);
  const entities = parts.flatMap((p) => (typeof p === 'string' ? [] : p.entities));
  const seen = new Set<string>();
  const key = (e: Mention) => `${e.mentioned?.id ?? ''}\n${e.text}`;
  return { text, entities: entities.filter((e) => !seen.has(key(e)) && seen.add(key(e))) };
}

export function people(ps: PersonRef[]): Rich {
  if (ps.length === 0) return { text: 'nobody', entities: [] };
  return rich(ps.map(mention), ', ');
}

/** The people mentioned in an incoming message, without the bot itself, in the order they appear. */
export function mentionedPeople(activity: Activity): Array<{ id: string; name: string; text: string }> {
  const botId = activity.recipient?.id;
  return ((activity.entities ?? []) as Entity[])
    .filter((e): e is Mention => e.type === 'mention')
    .filter((m) => m.mentioned?.id && m.mentioned.id !== botId && (m.mentioned as { type?: string }).type !== 'tag')
    .map((m) => ({ id: m.mentioned.id, name: m.mentioned.name ?? '', text: (m as { text?: string }).text ?? '' }));
}
