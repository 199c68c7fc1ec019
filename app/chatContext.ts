import type { KnexChatStore, Person } from '../db/KnexChatStore.js';
import type { StoredState } from '../db/types.js';
import type { RotationDef, ScheduleInput } from '../rotation/schedule.js';
import type { RotaService } from './RotaService.js';

/** Someone to show in chat: an @mention when Teams told us their ids, else their name or e-mail. */
export interface PersonRef {
  email: string;
  displayName?: string;
  teamsId?: string;
  aadObjectId?: string;
}

export interface RotationInfo {
  id: string;
  name: string;
  timezone: string;
  def: RotationDef;
  /** The rotation's own admins and the file-wide ones. */
  admins: string[];
}

/** An expected "no" (bad input, not allowed, nothing to do): shown to the person as it is. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };
export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refuse = <T = never>(message: string): Outcome<T> => ({ ok: false, message });

export interface ChatDeps {
  service: RotaService;
  store: KnexChatStore;
}

export interface Snapshot {
  state: StoredState;
  schedule: ScheduleInput;
  rotations: RotationInfo[];
}

export async function snapshot({ service }: ChatDeps): Promise<Snapshot> {
  const [{ state, schedule }, owners] = await Promise.all([service.snapshot(), service.teamOwners()]);
  const rotations = state.rotations.map((r) => {
    const def = r.versions.at(-1)!.definition as unknown as RotationDef;
    // Admins: the rotation's own, the file-wide ones, and the owners of the teams it names (stored by the Graph sync).
    const teamOwners = [...new Set([def.tag?.team, def.channel?.team])].flatMap((team) => (team ? (owners.get(team) ?? []) : []));
    return { id: r.id, name: r.name, timezone: r.timezone, def, admins: [...new Set([...(def.admins ?? []), ...state.settings.admins, ...teamOwners])] };
  });
  return { state, schedule, rotations };
}

/** "ops", "OPS", "Op of the Week" → the rotation; an unknown name lists the known ones. */
export function findRotation(snap: Snapshot, name: string): Outcome<RotationInfo> {
  const wanted = name.trim().toLowerCase();
  const found = snap.rotations.find((r) => r.id === wanted || r.name.toLowerCase() === wanted);
  if (found) return ok(found);
  return refuse(`I know no rotation "${name.trim()}". Rotations here: ${snap.rotations.map((r) => r.id).join(', ') || '(none)'}.`);
}

/** Splits a trailing (or leading) rotation id off the arguments: "next with bob ops" → ops. */
export function splitRotation(snap: Snapshot, args: string): { rest: string; rotation?: RotationInfo } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  for (const at of [words.length - 1, 0]) {
    const w = words[at]?.toLowerCase();
    const found = w ? snap.rotations.find((r) => r.id === w) : undefined;
    if (found) return { rest: words.filter((_, i) => i !== at).join(' '), rotation: found };
  }
  return { rest: words.join(' ') };
}

export function isAdmin(rotation: RotationInfo, email: string): boolean {
  return rotation.admins.includes(email.toLowerCase());
}

export async function personRefs(store: KnexChatStore, emails: string[]): Promise<Map<string, PersonRef>> {
  const known = await store.people(emails);
  return new Map(emails.map((e) => [e, refOf(e, known.get(e))]));
}

export function refOf(email: string, p: Person | undefined): PersonRef {
  return {
    email,
    ...(p?.displayName ? { displayName: p.displayName } : {}),
    ...(p?.teamsId ? { teamsId: p.teamsId } : {}),
    ...(p?.aadObjectId ? { aadObjectId: p.aadObjectId } : {}),
  };
}

/** Where a rotation's handoffs go: the channel an admin subscribed in Teams, else the rotation file's `channel`. */
export async function channelsOf(deps: ChatDeps, rotations: RotationInfo[]): Promise<Map<string, { team: string; id: string }>> {
  const subscribed = await deps.store.subscriptions();
  const out = new Map<string, { team: string; id: string }>();
  for (const r of rotations) {
    const c = subscribed.get(r.id) ?? r.def.channel;
    if (c) out.set(r.id, c);
  }
  return out;
}
