/**
 * Whether Rota can reach a person 1:1, from the sync's side: installed for them in personal scope (by Rota, or
 * already), or not — the installation failed, or the person could not be resolved to an Entra user.
 */
export type InstallationState = 'installed' | 'already-installed' | 'failed' | 'unresolved';

export interface Installation {
  /** E-mail / UPN as the rotation file names them, lower case. */
  email: string;
  objectId?: string;
  state: InstallationState;
  /** Why not (Graph's status and code, or why the person is not resolved); absent when installed. */
  detail?: string;
  checkedAt: number;
}

/** The sync's record of Rota's personal installation per rotation member. */
export interface InstallationStore {
  /** Upserts each person's outcome. */
  record(outcomes: Installation[]): Promise<void>;
  /** Forgets everyone not in `emails` (no longer in any rotation, or reachable by a stored personal chat now). */
  keepOnly(emails: string[]): Promise<void>;
  /** Everyone recorded, by e-mail. */
  installations(): Promise<Installation[]>;
  /** The people Rota cannot reach: installation failed or not resolvable, by e-mail. */
  unreachable(): Promise<Installation[]>;
}
