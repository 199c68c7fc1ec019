import { DateTime } from 'luxon';
import { BEGINNING_OF_TIME } from '../../db/types.js';
import { formatFieldError, validateRotationFile, type FieldError, type FileRotation, type RotationFile } from '../../rotation/file.js';
import { ROTATION_ID, type RolloutMode } from '../../rotation/rotationFileSchema.js';
import { rolloutMode } from '../../rotation/rollout.js';
import type { RotationDef } from '../../rotation/schedule.js';
import { ctxOf, findRotation, isAdmin, snapshot, type Actor, type ChatDeps, type RotationInfo, type Snapshot } from './context.js';
import { ok, fail, type Outcome } from '../../rotation/result.js';
import { desiredFromFile, fileFromStored } from './state.js';
import { dutiesFromLines, dutiesToLines } from './setupDuties.js';
import { plainProblem } from './setupProblems.js';
import { effectiveOf, setupPreview, type RolloutPreview } from './setupPreview.js';

export const WEEKDAY_CHOICES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
/** The weekday choice of a day-based rotation, whose handoff is a time only. */
export const ANY_DAY = 'any';

/** What the setup form shows and sends back; `editing` is the id of the rotation being edited (absent: a new one). */
export interface SetupValues {
  editing?: string;
  id: string;
  name: string;
  /** Left out when editing: the members stay as they are (a form for a rotation too large to list them). */
  members?: string[];
  every: string;
  weekday: string;
  time: string;
  timezone: string;
  start: string;
  onDuty: string;
  /** The checklist (setupDuties.ts): one duty a line. Absent: kept as it is; empty: none. */
  duties?: string;
  /** "09:00" or "Mon-Fri 09:00"; absent: kept as it is; empty: none. */
  morningCheck?: string;
  eveningCheck?: string;
  /** How a change of members rolls out (`effective`: now, next-handoff, next-cycle); absent: kept as it is. */
  effective?: string;
  /**
   * Set by the preview's "Save rotation": the fingerprint of the moves it showed (setupPreview.ts). The edit is saved
   * only while the same preview still holds; otherwise the fresh preview is shown instead.
   */
  confirmed?: string;
}

/** An edit that moves shifts, before it is saved (setupPreview.ts). */
export type SetupPreview = RolloutPreview<SetupValues>;

export interface SetupSaved {
  rotation: { id: string; name: string; timezone: string; def: FileRotation };
  action: 'created' | 'updated' | 'unchanged';
  /** When the saved definition takes effect; undefined for a new rotation (in effect from its start date). */
  effectiveFrom?: number;
  /** How it rolled out (rotation/rollout.ts); absent for a new rotation. */
  mode?: RolloutMode;
  fields: string[];
}

/** Where `setup` points people for rotations the file owns. */
export interface SetupOptions {
  rotationFile?: string;
  /** How many weeks ahead the preview lists moved shifts (the sync's horizon); 12 when not given. */
  previewWeeks?: number;
}

const fileOwned = (id: string, o: SetupOptions) =>
  `${id} comes from the rotation file (${o.rotationFile ?? 'rota.example.yaml'}/ROTA_CONFIG); edit it there and run apply.`;

/**
 * `setup [rotation]`: the form's starting values. Editing needs the rotation's admins (its own or the file-wide
 * ones); creating needs the file-wide admins. Rotations from the file are edited in the file.
 */
export async function setupForm(deps: ChatDeps, actor: Actor, args: string, options: SetupOptions = {}): Promise<Outcome<SetupValues>> {
  const snap = await snapshot(deps);
  const name = args.trim();
  const found = name ? findRotation(snap, name, { prefixes: false }) : undefined; // a prefix may be a new id
  if (found?.ok) {
    const allowed = authorise(snap, actor, found.value.id, options);
    if (!allowed.ok) return allowed;
    return ok(valuesOf(found.value));
  }
  if (name && !ROTATION_ID.test(name)) return fail(`"${name}" is no rotation here, nor a new id (lowercase letters, digits and dashes). Rotations here: ${snap.rotations.map((r) => r.id).join(', ') || '(none)'}.`);
  const allowed = authorise(snap, actor, undefined, options);
  if (!allowed.ok) return allowed;
  const zone = snap.state.settings.timezone;
  const today = DateTime.fromMillis(actor.now, { zone }).startOf('day');
  const monday = today.plus({ days: (8 - today.weekday) % 7 });
  return ok({ id: name, name: '', members: [], every: '1w', weekday: 'Mon', time: '09:00', timezone: zone, start: monday.toISODate()!, onDuty: '1', effective: 'next-handoff', duties: '', morningCheck: '', eveningCheck: '' });
}

function authorise(snap: Snapshot, actor: Actor, rotationId: string | undefined, options: SetupOptions): Outcome<RotationInfo | undefined> {
  const email = actor.email.toLowerCase();
  const rotation = rotationId ? snap.rotations.find((r) => r.id === rotationId) : undefined;
  if (rotation) {
    if (!isAdmin(rotation, email)) return fail(`Only ${rotation.name}'s admins (${rotation.admins.join(', ') || 'none are listed'}) can change it.`);
    const stored = snap.state.rotations.find((r) => r.id === rotation.id);
    if (stored?.origin !== 'chat') return fail(fileOwned(rotation.id, options));
    return ok(rotation);
  }
  const admins = snap.state.settings.admins;
  if (!admins.includes(email)) {
    return fail(`Only Rota's admins (${admins.join(', ') || 'none are listed'}, under admins in the rotation file) can create rotations.`);
  }
  return ok(undefined);
}

function valuesOf(r: RotationInfo): SetupValues {
  const [first, second] = r.def.handoff.trim().split(/\s+/);
  const weekday = second ? (WEEKDAY_CHOICES.find((d) => d.toLowerCase() === first!.slice(0, 3).toLowerCase()) ?? first!) : ANY_DAY;
  return {
    editing: r.id,
    id: r.id,
    name: r.name,
    members: r.def.members,
    every: r.def.every,
    weekday,
    time: second ?? first ?? '',
    timezone: r.timezone,
    start: r.def.start,
    onDuty: String(r.def.onDuty ?? 1),
    effective: r.def.effective ?? 'next-handoff',
    duties: dutiesToLines(r.def.duties),
    morningCheck: r.def.morningCheck ?? '',
    eveningCheck: r.def.eveningCheck ?? '',
  };
}

const key = (e: FieldError) => `${e.path}\u0000${e.message}`;

/**
 * Saves the form: the new or edited rotation is validated together with everything stored (so references such as
 * escalation and avoid still hold), then written with its audit row; an edit rolls out by its `effective` mode when
 * it changes the members, else at the next handoff. An edit that would move someone's shifts is first answered with
 * the preview (setupPreview.ts), unless `confirmed`. Problems that were there before this change do not block it;
 * every new one is named by its form field.
 */
export async function saveSetup(deps: ChatDeps, actor: Actor, values: SetupValues, options: SetupOptions = {}): Promise<Outcome<SetupSaved | SetupPreview>> {
  const snap = await snapshot(deps);
  const editing = values.editing ? snap.rotations.find((r) => r.id === values.editing) : undefined;
  if (values.editing && !editing) return fail(`The rotation ${values.editing} no longer exists.`);
  const id = editing ? editing.id : values.id.trim().toLowerCase();
  if (!editing && snap.state.rotations.some((r) => r.id === id)) return fail(`There is already a rotation ${id}; say "setup ${id}" to edit it.`);
  const allowed = authorise(snap, actor, editing?.id, options);
  if (!allowed.ok) return allowed;

  const current = fileFromStored(snap.state);
  const onDuty = /^\s*\d+\s*$/.test(values.onDuty) ? Number(values.onDuty) : values.onDuty;
  const time = values.time.trim();
  const duties = dutiesFromLines(values.duties ?? '');
  const rotation: Record<string, unknown> = {
    ...(editing ? (current.rotations.find((r) => r.id === editing.id) as Record<string, unknown>) : {}),
    id,
    name: values.name.trim() || undefined,
    members: values.members ?? editing?.def.members ?? [],
    every: values.every.trim(),
    handoff: values.weekday === ANY_DAY || !values.weekday ? time : `${values.weekday} ${time}`,
    timezone: values.timezone.trim() || undefined,
    start: values.start.trim(),
    onDuty,
    effective: effectiveOf(values.effective, editing?.def.effective),
    ...(values.duties !== undefined ? { duties: duties.duties.length ? duties.duties : undefined } : {}),
    ...(values.morningCheck !== undefined ? { morningCheck: values.morningCheck.trim() || undefined } : {}),
    ...(values.eveningCheck !== undefined ? { eveningCheck: values.eveningCheck.trim() || undefined } : {}),
  };
  const index = editing ? current.rotations.findIndex((r) => r.id === editing.id) : current.rotations.length;
  const rotations: unknown[] = [...current.rotations];
  rotations[index] = rotation;
  const candidate = { ...current, rotations };
  const checked = validateRotationFile(candidate);
  if (!checked.ok) {
    const before = validateRotationFile(current);
    const known = new Set(before.ok ? [] : before.error.map(key));
    const fresh = checked.error.filter((e) => !known.has(key(e)));
    if (fresh.length > 0) return fail(`Nothing was saved. Please fix:\n${fresh.map((e) => `- ${plainProblem(e, index, duties.lines)}`).join('\n')}`);
  }
  // Only problems that were there before remain: validate without overrides and time off to get the rotations.
  const usable = checked.ok ? checked : validateRotationFile({ ...candidate, overrides: [], timeOff: [] });
  if (!usable.ok) return fail(`Nothing was saved: the stored rotations do not validate (${usable.error.map(formatFieldError).join('; ')}).`);
  const file: RotationFile = usable.value;
  const desired = desiredFromFile({ ...file, overrides: [], timeOff: [] }).rotations.find((r) => r.id === id)!;
  const inForce = snap.state.rotations.find((r) => r.id === id)?.versions.filter((v) => v.from <= actor.now).at(-1)?.definition;
  const preview = editing ? await setupPreview(deps, actor, desired, values, options.previewWeeks) : undefined;
  if (preview && preview.values.confirmed !== values.confirmed) return ok(values.confirmed ? { ...preview, changedSinceShown: true } : preview);
  const saved = await deps.service.saveChatRotation(desired, ctxOf(actor));
  if (!saved.ok) {
    return fail(saved.error === 'file-origin' ? fileOwned(id, options) : `The id ${id} belonged to a rotation that was archived; pick another id.`);
  }
  const { action, effectiveFrom, fields } = saved.value;
  if (action !== 'unchanged') deps.service.changed('setup', { actor: actor.email, rotation: id, action, fields: fields.join(',') });
  const def: FileRotation = desired.definition;
  return ok({
    rotation: { id, name: desired.name, timezone: desired.timezone, def },
    action,
    ...(effectiveFrom !== BEGINNING_OF_TIME ? { effectiveFrom, mode: rolloutMode(inForce, desired.definition) } : {}),
    fields,
  });
}
