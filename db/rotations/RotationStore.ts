import type { Result } from '../../rotation/result.js';
import type { Change, ChangeContext, DesiredRotation, DesiredState, StoredRotation, StoredState } from '../types.js';

export interface ApplyOptions {
  dryRun?: boolean;
  /**
   * When an edited definition takes effect, from the stored rotation, its new definition and the whole state read in
   * the same transaction (the rotation core's rolloutFrom: now, the next handoff or the end of the round). Versions
   * recorded for later than that instant (edits still pending) are superseded by this one.
   */
  effectiveFrom(current: StoredRotation, next: DesiredRotation, state: StoredState): number;
}

/** What a change would do, from the same transaction as the real one, rolled back: the state before and after. */
export interface Preview<T> {
  result: T;
  before: StoredState;
  after: StoredState;
}

/** When an edit of a rotation made in chat takes effect: as for a file, the next handoff. */
export type ChatRotationOptions = Pick<ApplyOptions, 'effectiveFrom'>;

/** What saving a rotation from chat did; a rotation the file owns (or an archived id) is refused, not changed. */
export type ChatRotationSaved = Result<{ action: 'created' | 'updated' | 'unchanged'; effectiveFrom: number; fields: string[] }, 'file-origin' | 'archived'>;

/** Rotations, their versions, members, overrides and time off. Every change is one transaction with its audit rows. */
export interface RotationStore {
  /**
   * The rotations in use (archived ones left out, with the overrides and rotation-scoped time off that only they
   * could use), the overrides not cancelled, all time off, and the file-wide settings.
   */
  load(): Promise<StoredState>;

  /** Makes the database match a rotation file; with `dryRun` the same transaction runs and is rolled back. */
  applyDesired(desired: DesiredState, ctx: ChangeContext, options: ApplyOptions): Promise<Change[]>;

  /**
   * Creates (origin 'chat', in effect from the beginning of time) or edits a rotation made in chat, with its audit
   * row, in one transaction. An edit starts a new version at `effectiveFrom` (a pending version is replaced), and
   * members who stay keep their identity cache. A later `apply` of the file leaves chat rotations alone.
   */
  saveChatRotation(next: DesiredRotation, ctx: ChangeContext, options: ChatRotationOptions): Promise<ChatRotationSaved>;

  /** `applyDesired` run and rolled back, with the state before and after (the dry run's moved shifts). */
  previewDesired(desired: DesiredState, ctx: ChangeContext, options: ApplyOptions): Promise<Preview<Change[]>>;

  /** `saveChatRotation` run and rolled back, with the state before and after (the setup preview). */
  previewChatRotation(next: DesiredRotation, ctx: ChangeContext, options: ChatRotationOptions): Promise<Preview<ChatRotationSaved>>;
}
