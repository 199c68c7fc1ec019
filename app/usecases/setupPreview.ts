import { createHash } from 'node:crypto';
import type { DesiredRotation } from '../../db/types.js';
import { rolloutMode } from '../../rotation/rollout.js';
import type { RolloutMode } from '../../rotation/rotationFileSchema.js';
import { ctxOf, type Actor, type ChatDeps } from './context.js';
import { movePreview, type MovePreview } from './movePreview.js';

/** The form's roll-out choices, in the file's words (`effective`); the default is the file's default. */
export const ROLLOUT_CHOICES: ReadonlyArray<{ value: RolloutMode; title: string }> = [
  { value: 'next-handoff', title: 'At the next handoff (the shift in progress stays)' },
  { value: 'next-cycle', title: 'Once everyone in the current order has had their turn' },
  { value: 'now', title: 'Now (who is on duty and stays keeps the shift; anyone removed stops now)' },
];

/** What saving an edit would move, shown before it is saved; "Save rotation" on it sends `values` back, confirmed. */
export interface RolloutPreview<V> {
  kind: 'preview';
  rotation: { id: string; name: string; timezone: string };
  /** What the person saw, as a short hash of when it takes effect and the moved lines: "Save rotation" sends it back. */
  values: V & { confirmed: string };
  /** This preview replaces an earlier one whose Save was pressed after the moves had changed (a handoff, another edit). */
  changedSinceShown?: boolean;
  /** When the edit would take effect, and by which mode (rotation/rollout.ts). */
  effectiveFrom: number;
  mode: RolloutMode;
  moves: MovePreview;
}

/**
 * An edit of a rotation made in chat is saved, in a transaction that is rolled back, to see whose shifts it moves
 * within the preview horizon (movePreview.ts): the same writes and the same roll-out instant as the real save at
 * this instant. Undefined when it moves nobody's shift (the form is saved at once), or when saving would refuse it
 * (the real save then says why).
 */
export async function setupPreview<V extends object>(deps: ChatDeps, actor: Actor, desired: DesiredRotation, values: V, weeks?: number): Promise<RolloutPreview<V> | undefined> {
  const preview = await deps.service.previewChatRotation(desired, ctxOf(actor));
  if (!preview.result.ok || preview.result.value.action !== 'updated') return undefined;
  const moves = movePreview(preview.before, preview.after, actor.now, weeks);
  if (moves.people.length === 0) return undefined;
  const stored = preview.before.rotations.find((r) => r.id === desired.id);
  const inForce = stored?.versions.filter((v) => v.from <= actor.now).at(-1)?.definition;
  return {
    kind: 'preview',
    rotation: { id: desired.id, name: desired.name, timezone: desired.timezone },
    values: { ...values, confirmed: previewFingerprint(preview.result.value.effectiveFrom, moves) },
    effectiveFrom: preview.result.value.effectiveFrom,
    mode: rolloutMode(inForce, desired.definition),
    moves,
  };
}

/** The preview's identity: the same roll-out instant and the same moved lines give the same string. */
export function previewFingerprint(effectiveFrom: number, moves: MovePreview): string {
  const lines = moves.people.map((p) => [p.member, ...p.lines].join('\n')).join('\n\n');
  return createHash('sha256').update(`${effectiveFrom}\n${lines}`).digest('hex').slice(0, 16);
}

/** The form's choice as the definition stores it: the default (next-handoff) is left out, as a file would. */
export function effectiveOf(choice: string | undefined, current: unknown): unknown {
  if (choice === undefined) return current;
  const trimmed = choice.trim();
  return trimmed === '' || trimmed === 'next-handoff' ? undefined : trimmed;
}
