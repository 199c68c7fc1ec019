import { z } from 'zod';
import { tagsOf } from '../../rotation/rotationFileSchema.js';
import type { PeopleStore, Person } from '../../db/people/PeopleStore.js';
import type { Stores } from '../../db/stores.js';
import type { ChangeContext, StoredState } from '../../db/types.js';
import { MS_PER_DAY } from '../../rotation/localDate.js';
import { postingChannel } from '../../rotation/postingChannel.js';
import type { RotationDef, ScheduleInput } from '../../rotation/schedule.js';
import { TeamIds } from '../../rotation/teamIds.js';
import type { RotaService } from './RotaService.js';
import { fail, ok, type Outcome } from '../../rotation/result.js';
import { matchPerson, matchRotation, type MatchOptions } from './nameMatch.js';

/**
 * Someone to show in chat: an @mention when an id Teams accepts is known (bot/mentions.ts mentionId picks it), else
 * their name or e-mail.
 */
export interface PersonRef {
  email: string;
  displayName?: string;
  /** The Teams user id (29:…), from Teams itself. */
  teamsId?: string;
  /** The Entra object id Teams sent with the account. */
  aadObjectId?: string;
  /** The Entra object id the Graph sync resolved for the roster address (the person may never have written to Rota). */
  objectId?: string;
  /** Their UPN, only when a service said it is their UPN (never the roster address guessed to be one). */
  upn?: string;
}

/** A PersonRef as posts record it in their detail (handoff, checks): read back with this schema. */
export const PersonRefSchema = z.object({
  email: z.string(),
  displayName: z.string().optional(),
  teamsId: z.string().optional(),
  aadObjectId: z.string().optional(),
  objectId: z.string().optional(),
  upn: z.string().optional(),
}) satisfies z.ZodType<PersonRef>;

export interface RotationInfo {
  id: string;
  name: string;
  timezone: string;
  def: RotationDef;
  /** The rotation's own admins and the file-wide ones. */
  admins: string[];
}

/** Who asks in chat, and when. */
export interface Actor {
  email: string;
  now: number;
}

/** The change context a chat change is written with (its audit row). */
export const ctxOf = (actor: Actor): ChangeContext => ({ actor: actor.email, source: 'chat', now: actor.now });

/** Time off or a cover longer than this is confirmed on a card first: a typo in a year should not cost ten. */
export const CONFIRM_AFTER_DAYS = 60;

/** The length of [from, to) in whole days, and whether it waits for a confirmation card. */
export function confirmation(from: number, to: number, confirmed: boolean): { days: number; ask: boolean } {
  const days = Math.round((to - from) / MS_PER_DAY);
  return { days, ask: days > CONFIRM_AFTER_DAYS && !confirmed };
}

// The ports bot/ names in its own signatures; bot/ reaches db/ only through these re-exports.
export type { ConversationRecord } from '../../db/conversations/ConversationStore.js';
export type { PeopleStore, Person };

/** The stores the chat, its jobs and the bot's edge use; rotations are reached through RotaService. */
export type ChatStores = Pick<Stores, 'people' | 'conversations' | 'subscriptions' | 'changes' | 'swaps' | 'handovers' | 'posts' | 'syncState' | 'teams' | 'duties' | 'items' | 'oof' | 'webhooks' | 'notices'>;

export interface ChatDeps {
  service: RotaService;
  stores: ChatStores;
}

export interface Snapshot {
  state: StoredState;
  schedule: ScheduleInput;
  rotations: RotationInfo[];
}

export async function snapshot({ service, stores }: ChatDeps): Promise<Snapshot> {
  const [{ state, schedule }, owners, teams] = await Promise.all([service.snapshot(), service.teamOwners(), teamIds(stores)]);
  const rotations = state.rotations.map((r) => {
    const def = r.versions.at(-1)!.definition;
    // Admins: the rotation's own, the file-wide ones, and the owners of the teams it names (stored by the Graph sync
    // by group id; the file may name the team by its thread id).
    const groups = [...tagsOf(def).map((t) => t.team), def.channel?.team].flatMap((team) => (team ? (teams.groupIdOf(team) ?? []) : []));
    const teamOwners = [...new Set(groups)].flatMap((team) => owners.get(team) ?? []);
    return { id: r.id, name: r.name, timezone: r.timezone, def, admins: [...new Set([...(def.admins ?? []), ...state.settings.admins, ...teamOwners])] };
  });
  return { state, schedule, rotations };
}

/** "ops", "OPS", "the Op of the Week", "op of", "interrupt" → the rotation; an unknown or unclear name lists the known ones. */
export function findRotation(snap: Snapshot, name: string, options: MatchOptions = {}): Outcome<RotationInfo> {
  const m = matchRotation(snap.rotations, name, options);
  if (m.kind === 'found') return ok(m.value);
  const known = snap.rotations.map((r) => `${r.id} (${r.name})`).join(', ') || '(none)';
  if (m.kind === 'ambiguous') return fail(`"${name.trim()}" could be ${m.candidates.map((r) => `${r.id} (${r.name})`).join(' or ')}: which one? Rotations here: ${known}.`);
  return fail(`I know no rotation "${name.trim()}". Rotations here: ${known}.`);
}

/**
 * Splits a trailing (or leading) rotation off the arguments: "next with bob ops" → ops, "… op of the week" → ops.
 * Only whole ids and names count here: the rest is dates and people, and "next week" must not pick a "… of the Week".
 */
export function splitRotation(snap: Snapshot, args: string): { rest: string; rotation?: RotationInfo } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  for (let n = Math.min(words.length, 6); n >= 1; n--) {
    for (const [at, rest] of [
      [words.slice(-n), words.slice(0, -n)],
      [words.slice(0, n), words.slice(n)],
    ] as const) {
      const m = matchRotation(snap.rotations, at.join(' '), { prefixes: false, words: false });
      if (m.kind === 'found') return { rest: rest.join(' '), rotation: m.value };
    }
  }
  return { rest: words.join(' ') };
}

/** The member a chat text names ("bob", "Bob Baker", "bob@contoso.com"), among every rotation's members. */
export async function findPerson(deps: ChatDeps, snap: Snapshot, text: string): Promise<Outcome<PersonRef>> {
  const emails = [...new Set(snap.rotations.flatMap((r) => r.def.members.map((e) => e.toLowerCase())))];
  const known = await deps.stores.people.people(emails);
  const m = matchPerson(emails.map((email) => ({ email, ...(known.get(email)?.displayName ? { displayName: known.get(email)!.displayName! } : {}) })), text);
  if (m.kind === 'found') return ok((await personRefs(deps.stores, [m.value])).get(m.value)!);
  if (m.kind === 'ambiguous') return fail(`"${text.trim()}" could be ${m.candidates.join(' or ')}: write the e-mail address or @mention them.`);
  return fail(`I know no member called "${text.trim()}": write their e-mail address or @mention them.`);
}

export function isAdmin(rotation: RotationInfo, email: string): boolean {
  return rotation.admins.includes(email.toLowerCase());
}

/** What the Graph sync resolved for a roster address (SyncStateStore.identities); `upn` once the sync records it. */
export interface SyncedIdentity {
  objectId: string;
  displayName?: string;
  upn?: string;
}

/**
 * The people an answer shows, by e-mail: what Teams told Rota (the people store) merged with what the Graph sync
 * resolved (the identity cache), so a person who never wrote to Rota is still @mentioned by their object id and
 * shown by their name.
 */
export async function personRefs(stores: Pick<ChatStores, 'people' | 'syncState'>, emails: string[]): Promise<Map<string, PersonRef>> {
  const [known, synced] = await Promise.all([stores.people.people(emails), stores.syncState.identities(emails)]);
  return new Map(emails.map((e) => [e, refOf(e, known.get(e.toLowerCase()) ?? known.get(e), synced.get(e.toLowerCase()))]));
}

/** A person's ref from the people store and the sync's identity; Teams' name (fresher: it comes with each message) first. */
export function refOf(email: string, p: Person | undefined, synced?: SyncedIdentity): PersonRef {
  const displayName = p?.displayName ?? synced?.displayName;
  return {
    email,
    ...(displayName ? { displayName } : {}),
    ...(p?.teamsId ? { teamsId: p.teamsId } : {}),
    ...(p?.aadObjectId ? { aadObjectId: p.aadObjectId } : {}),
    ...(synced?.objectId ? { objectId: synced.objectId } : {}),
    ...(synced?.upn ? { upn: synced.upn } : {}),
  };
}

/** Both ids of every team Rota has learned (group id for Graph, thread id for the Bot Connector). */
export async function teamIds(stores: Pick<ChatStores, 'teams'>): Promise<TeamIds> {
  return new TeamIds(await stores.teams.pairs());
}

/** Where each rotation's handoffs go (postingChannel), for the rotations given. */
export async function channelsOf(deps: ChatDeps, rotations: RotationInfo[]): Promise<Map<string, { team: string; id: string }>> {
  const subscribed = await deps.stores.subscriptions.subscriptions();
  const out = new Map<string, { team: string; id: string }>();
  for (const r of rotations) {
    const c = postingChannel(subscribed, r.id, r.def);
    if (c) out.set(r.id, c);
  }
  return out;
}
