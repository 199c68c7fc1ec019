import type { Result } from '../../rotation/result.js';
import type { Change, ChangeContext, DesiredRotation, DesiredState, StoredRotation, StoredState } from '../types.js';

export interface ApplyOptions {
  dryRun?: boolean;
  /**
   * When an edited definition takes effect. The rotation core answers "the next handoff after now", so a shift
   * that has started is never rewritten.
   */
  effectiveFrom(current: StoredRotation): number;
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
}
