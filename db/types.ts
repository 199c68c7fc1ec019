import type { RotationDef } from '../rotation/schedule.js';
import type { FileCombinedTag, FileWebhook } from '../rotation/rotationFileSchema.js';

/** Who made a change and through which door; every write carries one, and it lands in the audit log. */
export interface ChangeContext {
  actor: string;
  source: 'cli' | 'chat' | 'file' | 'system';
  now: number;
}

/** A rotation as the database holds it: the current definition plus its versions (oldest first). */
export interface StoredRotation {
  id: string;
  name: string;
  timezone: string;
  origin: 'file' | 'chat';
  members: string[];
  /** `recordedAt`: when the version was stored (a pending version replaced before its `from` is stored again). */
  versions: Array<{ from: number; definition: RotationDef; recordedAt?: number }>;
}

export interface StoredOverride {
  id: string;
  rotationId: string;
  start: number;
  end: number;
  member: string;
  replaces?: string;
  origin: 'file' | 'chat' | 'swap';
}

/**
 * Time off as it was written (a file entry, or what the chat recorded): `from`/`to` as dates or date-times in
 * `timezone`, for export. Other keys a file entry carries (its `member`) are kept as they are.
 */
export type TimeOffSpec = { from?: string; to?: string; rotation?: string; timezone?: string } & Record<string, unknown>;

export interface StoredTimeOff {
  id: string;
  member: string;
  start: number;
  end: number;
  spec: TimeOffSpec;
  origin: 'file' | 'chat';
  createdAt: number;
}

export interface StoredState {
  settings: Settings;
  rotations: StoredRotation[];
  overrides: StoredOverride[];
  timeOff: StoredTimeOff[];
}

/** What a rotation file asks for, already resolved to instants by the rotation core. */
export interface DesiredRotation {
  id: string;
  name: string;
  timezone: string;
  every: string;
  handoff: string;
  onDuty: number;
  start: string;
  members: string[];
  /** The rotation exactly as written in the file; a new version starts when it changes. */
  definition: RotationDef;
}

/** File-wide settings: the default zone and the admins of every rotation. */
export interface Settings {
  timezone: string;
  admins: string[];
  /** Tags across rotations (`tags:` in the file); left out when the file has none. */
  tags?: FileCombinedTag[];
  /** Receivers of Rota's events (`webhooks:` in the file); left out when the file has none. */
  webhooks?: FileWebhook[];
}

/** Settings keys written only when the file has them, and removed when it drops them. */
export const OPTIONAL_SETTINGS = ['tags', 'webhooks'] as const;

export interface DesiredState {
  settings: Settings;
  rotations: DesiredRotation[];
  overrides: Array<Omit<StoredOverride, 'origin'>>;
  timeOff: Array<Omit<StoredTimeOff, 'origin' | 'createdAt'>>;
}

/** An override the chat writes: a cover, or one half of an accepted swap. */
export interface NewOverride {
  rotationId: string;
  start: number;
  end: number;
  member: string;
  replaces?: string;
}

export type Change =
  | { action: 'settings.updated'; settings: Settings }
  | { action: 'rotation.created' | 'rotation.archived'; rotationId: string }
  | { action: 'rotation.updated'; rotationId: string; effectiveFrom: number; fields: string[] }
  | { action: 'override.added' | 'override.removed'; rotationId: string; override: Omit<StoredOverride, 'origin'> }
  | { action: 'timeoff.added' | 'timeoff.removed'; timeOff: Omit<StoredTimeOff, 'origin' | 'spec' | 'createdAt'> };

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  source: string;
  action: string;
  rotationId?: string;
  detail: Record<string, unknown>;
}

/** The first version of a rotation has been in effect forever; BIGINT cannot hold -Infinity. */
export const BEGINNING_OF_TIME = -8_640_000_000_000_000;
