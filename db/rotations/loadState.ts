import type { Knex } from 'knex';
import { z } from 'zod';
import { combinedTagSchema, rotationSchema, webhookSchema, zoneName } from '../../rotation/rotationFileSchema.js';
import { column, jsonColumn } from '../columns.js';
import { toOverride, toTimeOff, type OverrideRow, type TimeOffRow } from '../rows.js';
import { OPTIONAL_SETTINGS, type StoredRotation, type StoredState } from '../types.js';

export type RotationRow = { id: string; name: string; timezone: string; origin: string; archived_at: number | null };
type VersionRow = { rotation_id: string; effective_from: number; definition: string; created_at: number | string };
type SettingRow = { key: string; value: string };

/** A stored definition is a rotation as the file schema reads it, with its zone filled in (RotationDef). */
const DefinitionColumn = rotationSchema.extend({ timezone: zoneName });
const RotationOrigin = z.enum(['file', 'chat']);

/**
 * Reads everything the schedule is built from. Without `includeArchived`, archived rotations are left out, and so
 * are the overrides and rotation-scoped time off that only they could use: they change no one's duty, and an
 * exported file could not name their rotation.
 */
export async function loadState(db: Knex, includeArchived = false): Promise<StoredState> {
  const rotationQuery = db<RotationRow>('rotations').select('id', 'name', 'timezone', 'origin', 'archived_at').orderBy('id');
  if (!includeArchived) rotationQuery.whereNull('archived_at');
  // Sequential on purpose: inside a transaction there is one connection, and pg refuses overlapping queries.
  const rotationRows = await rotationQuery;
  const versions = await db<VersionRow>('rotation_versions')
    .select('rotation_id', 'effective_from', 'definition', 'created_at')
    .orderBy(['rotation_id', 'effective_from']);
  const members = (await db('members').select('rotation_id', 'email').where('active', true).orderBy(['rotation_id', 'position'])) as Array<{ rotation_id: string; email: string }>;
  const overrides = (await db<OverrideRow>('overrides').select('*').whereNull('cancelled_at').orderBy(['rotation_id', 'start_at', 'id'])).map(toOverride);
  const timeOff = (await db<TimeOffRow>('time_off').select('*').orderBy(['member', 'start_at', 'id'])).map(toTimeOff);
  const settingRows = (await db('settings').whereIn('key', ['timezone', 'admins', ...OPTIONAL_SETTINGS]).select('key', 'value')) as SettingRow[];
  const rotations = rotationRows.map((r): StoredRotation => ({
    id: r.id,
    name: r.name,
    timezone: r.timezone,
    origin: column(RotationOrigin, r.origin, { table: 'rotations', column: 'origin', id: r.id }),
    members: members.filter((m) => m.rotation_id === r.id).map((m) => m.email),
    versions: versions.filter((v) => v.rotation_id === r.id).map(toVersion),
  }));
  const inUse = new Set(rotations.map((r) => r.id));
  return {
    settings: settingsOf(settingRows),
    rotations,
    overrides: includeArchived ? overrides : overrides.filter((o) => inUse.has(o.rotationId)),
    timeOff: includeArchived ? timeOff : timeOff.filter((t) => t.spec.rotation === undefined || inUse.has(t.spec.rotation)),
  };
}

function toVersion(v: VersionRow): StoredRotation['versions'][number] {
  const from = Number(v.effective_from);
  const definition = jsonColumn(DefinitionColumn, v.definition, { table: 'rotation_versions', column: 'definition', id: `${v.rotation_id}@${from}` });
  return { from, definition, recordedAt: Number(v.created_at) };
}

function settingsOf(rows: SettingRow[]): StoredState['settings'] {
  const text = (key: string) => rows.find((r) => r.key === key)?.value;
  const at = (key: string) => ({ table: 'settings', column: 'value', id: key });
  const timezone = text('timezone');
  const admins = text('admins');
  const tags = text('tags');
  const webhooks = text('webhooks');
  return {
    timezone: timezone === undefined ? 'UTC' : jsonColumn(z.string(), timezone, at('timezone')),
    admins: admins === undefined ? [] : jsonColumn(z.array(z.string()), admins, at('admins')),
    ...(tags === undefined ? {} : { tags: jsonColumn(z.array(combinedTagSchema), tags, at('tags')) }),
    ...(webhooks === undefined ? {} : { webhooks: jsonColumn(z.array(webhookSchema), webhooks, at('webhooks')) }),
  };
}
