import type { ChatDeps } from '../usecases/context.js';
import type { OofPoster } from '../usecases/oofCards.js';
import { sendOofQuestions } from '../usecases/oofDelivery.js';
import { RETRY_UNDELIVERED_MS } from './reminders.js';

export interface OofJobOptions {
  deps: ChatDeps;
  poster: OofPoster;
  holder: string;
  clock: () => number;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

/**
 * Out-of-office questions the sync found, asked from the minute tick (HandoffJobs.tick, under the posting lease):
 * each is claimed before its card is sent, so it goes out once across restarts and replicas; an undelivered one is
 * tried again every RETRY_UNDELIVERED_MS, and at once when the person writes to Rota (bot/turn.ts).
 */
export class OofSuggestionJobs {
  constructor(private readonly o: OofJobOptions) {}

  async tick(now: number): Promise<void> {
    await sendOofQuestions(this.o, this.o.holder, now, undefined, now - RETRY_UNDELIVERED_MS);
  }
}
