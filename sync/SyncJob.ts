import type { Logger } from '../app/logger.js';
import type { GraphMode } from './graphClient.js';

/** Who is on duty now for one rotation, and where that should be reflected in Microsoft 365. */
export interface DutyNow {
  rotationId: string;
  members: string[];
  until: number | null;
  tag?: { team: string; name: string };
  calendar?: { mailbox: string; name: string };
}

export interface PlannedChange {
  rotationId: string;
  target: 'tag' | 'calendar';
  description: string;
}

export interface SyncReport {
  mode: GraphMode;
  planned: PlannedChange[];
  written: number;
}

export interface SyncJobOptions {
  mode: GraphMode;
  log: Logger;
  dutyNow(now: number): Promise<DutyNow[]>;
}

/**
 * One reconcile: read what should be, plan the remote changes, write them. This build plans and logs only
 * (dry-run in every mode); reading the remote state and writing tags and calendar events is the sync issue's work.
 */
export class SyncJob {
  constructor(private readonly options: SyncJobOptions) {}

  async reconcile(now: number): Promise<SyncReport> {
    const { mode, log } = this.options;
    const duties = await this.options.dutyNow(now);
    const planned: PlannedChange[] = [];
    for (const d of duties) {
      if (d.tag) {
        planned.push({
          rotationId: d.rotationId,
          target: 'tag',
          description: `tag "${d.tag.name}" in team ${d.tag.team} should hold exactly: ${d.members.join(', ') || '(nobody)'}`,
        });
      }
      if (d.calendar) {
        planned.push({
          rotationId: d.rotationId,
          target: 'calendar',
          description: `calendar "${d.calendar.name}" of ${d.calendar.mailbox} should show the coming shifts`,
        });
      }
    }
    log.info({ mode, rotations: duties.length, planned }, mode === 'dry-run' ? 'sync dry-run: changes it would make' : 'sync plan (writes not enabled in this build)');
    return { mode, planned, written: 0 };
  }
}
