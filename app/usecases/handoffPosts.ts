import { z } from 'zod';
import { tagKey } from '../../db/sync/SyncStateStore.js';
import { channelConversation, type PostedCopy } from './conversations.js';
import { isAdmin, PersonRefSchema, snapshot, teamIds, type ChatDeps, type PersonRef } from './context.js';
import { ok, fail, type Outcome } from '../../rotation/result.js';

/**
 * A handoff post: what its card shows and where it goes. The jobs build it and record it as the post's `detail`;
 * reading it back parses it with this schema.
 */
const Person = PersonRefSchema;
export const HandoffData = z.object({
  key: z.string(),
  rotation: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
  channel: z.object({ team: z.string(), id: z.string() }),
  at: z.number(),
  outgoing: z.array(Person),
  incoming: z.array(Person),
  tag: z.object({ id: z.string(), name: z.string() }).optional(),
  /** The tag Teams refused (400: deleted, or not a standard channel): the post went without it, and says so here. */
  tagLeftOut: z.object({ name: z.string(), reason: z.string() }).optional(),
  notes: z.string().optional(),
  openItems: z.array(z.string()),
  /** Teams refused the card as too large (413) even within its budget: the short card went, without the handover. */
  notesLeftOut: z.object({ reason: z.string() }).optional(),
  escalation: z.object({ name: z.string(), members: z.array(Person) }).optional(),
  /** The open items (issue #12) the handoff passes to the first incoming person; absent in posts made before them. */
  passingItems: z.object({ to: Person, items: z.array(z.object({ n: z.number(), text: z.string() })) }).optional(),
  /**
   * The outgoing shift's duty record (issue #12) over [from, the handoff): done and skipped with who answered (and
   * why skipped), missed and still open with whom the card went to. Absent in older posts and when no duty was due.
   */
  duties: z
    .object({
      from: z.number(),
      lines: z.array(z.object({ status: z.enum(['done', 'skipped', 'missed', 'open']), task: z.string(), at: z.number(), people: z.array(Person), reason: z.string().optional() })),
    })
    .optional(),
});
export type HandoffData = z.infer<typeof HandoffData>;

/** What the handoff card shows: the post, and once acknowledged who pressed "I've got it" and when. */
export type HandoffCardView = Omit<HandoffData, 'channel'> & { ackedBy?: PersonRef; ackedAt?: number };

/** Where the jobs' posts go; the bot implements it (botbuilder stays in bot/). */
export interface HandoffPoster {
  /**
   * Posts the handoff card as a new thread in the rotation's channel; undefined when no channel is reachable.
   * `tagLeftOut`: Teams refused the tag mention, and the card was posted again without it. `notesLeftOut`: Teams
   * refused the card as too large, and a short one (no notes, open items, duty record or escalation) was posted instead.
   */
  postHandoff(h: HandoffData): Promise<{ conversationId: string; activityId?: string; tagLeftOut?: { name: string; reason: string }; notesLeftOut?: { reason: string } } | undefined>;
  /** A personal message; false when the person cannot be reached. */
  sendPersonal(person: PersonRef, text: string): Promise<boolean>;
  /** The handoff card's copy for a shadow: marked as shadowing, no buttons (app/usecases/shadowCopies.ts). */
  sendShadowCopy?(to: PersonRef, h: HandoffData): Promise<{ conversationId: string; activityId?: string } | undefined>;
}

/** A handoff as acknowledged: the card's data with who pressed "I've got it", and the posted card to update. */
export interface AcknowledgedHandoff {
  data: HandoffData;
  ackedBy: PersonRef;
  ackedAt: number;
  posted?: PostedCopy;
}

/** "I've got it": only an incoming person (or an admin) acknowledges, once; pressing again shows the same state. */
export async function acknowledgeHandoff(deps: ChatDeps, key: string, by: PersonRef, now: number): Promise<Outcome<AcknowledgedHandoff>> {
  const post = await deps.stores.posts.post(key);
  if (!post) return fail('I know nothing about this handoff.');
  const data = HandoffData.parse(post.detail);
  if (!post.ackedAt) {
    const rotation = (await snapshot(deps)).rotations.find((r) => r.id === data.rotation.id);
    const allowed = data.incoming.some((p) => p.email === by.email) || (rotation !== undefined && isAdmin(rotation, by.email));
    if (!allowed) return fail(`Only ${data.incoming.map((p) => p.displayName ?? p.email).join(', ') || 'the incoming person'} can acknowledge this handoff.`);
    await deps.stores.posts.ackPost(key, by.email, { actor: by.email, source: 'chat', now });
  }
  const acked = (await deps.stores.posts.post(key))!;
  // An acknowledged handoff accepts the items it passed, in the name of whoever acknowledged it. Two writes, so this
  // runs at every press, not only the first: a crash between them is mended by the next (only items still waiting move).
  await deps.stores.items.acceptPassed(key, { actor: acked.ackedBy!, source: 'chat', now });
  const where = acked.conversationId && acked.activityId ? await channelConversation(deps, data.channel) : undefined;
  return ok({
    data,
    ackedBy: acked.ackedBy === by.email ? by : { email: acked.ackedBy! },
    ackedAt: acked.ackedAt!,
    ...(where && acked.conversationId && acked.activityId ? { posted: { conversation: where, conversationId: acked.conversationId, activityId: acked.activityId } } : {}),
  });
}

/** The short handoff (Teams refused the full card as too large): who hands over to whom and the button, nothing more. */
export function shortHandoff(h: HandoffData, reason: string): HandoffData {
  const { notes: _notes, escalation: _escalation, passingItems: _items, duties: _duties, ...rest } = h;
  return { ...rest, openItems: [], notesLeftOut: { reason } };
}

/**
 * The tag's id when Teams will accept its mention in the channel (here, as the handoff job and `escalate` both
 * mention tags). The sync keeps the tag and the channel's kind by the team's group id; the file or `subscribe`
 * may name either id. An escalation mentions another rotation's tag (`tagRotationId`, synced under that rotation)
 * in this rotation's channel (whose kind the sync keeps under `rotationId`).
 */
export async function mentionableTag(
  deps: ChatDeps,
  rotationId: string,
  tag: { team: string; name: string },
  channel: HandoffData['channel'],
  tagRotationId = rotationId,
): Promise<string | undefined> {
  const ids = await teamIds(deps.stores);
  const tagTeam = ids.groupIdOf(tag.team);
  const channelTeam = ids.groupIdOf(channel.team);
  if (!tagTeam || !channelTeam) return undefined;
  const sync = deps.stores.syncState;
  if (tagRotationId === rotationId) return sync.mentionableTagId(rotationId, { ...tag, team: tagTeam }, { ...channel, team: channelTeam });
  if ((await sync.channelKind(rotationId, { ...channel, team: channelTeam })) !== 'standard') return undefined;
  return (await sync.target(tagRotationId, 'tag', tagKey({ ...tag, team: tagTeam })))?.remoteId ?? undefined;
}
