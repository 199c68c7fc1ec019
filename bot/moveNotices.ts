import type { PersonRef } from '../app/usecases/context.js';
import type { MoveNoticeSender } from '../app/usecases/moveNoticeDelivery.js';
import { notifyMovesCommand } from '../app/usecases/moveNoticeSettings.js';
import { sendPersonally } from './posts.js';
import { reply } from './reply.js';
import { actorOf, requireAsker, type BotDeps, type Handler } from './turn.js';

/** "Your shifts moved" messages go to the person's personal chat, opening one when Rota can (as duty cards do). */
export class BotMoveNoticeSender implements MoveNoticeSender {
  constructor(private readonly deps: BotDeps) {}

  sendToPerson(to: PersonRef, text: string) {
    return sendPersonally(this.deps, to.email, { text, textFormat: 'markdown' }, 'any');
  }
}

/** `notify moves`, `notify moves on|off`: the setting and its write are app/'s. */
export const notifyMoves: Handler = async (context, args, deps) => {
  const me = await requireAsker(context, deps);
  if (!me) return;
  await reply(context, await notifyMovesCommand(deps.chat, actorOf(me, deps), args), ({ on, changed }) => {
    if (on) return changed ? 'Shift-moved messages are on: when a change by someone else moves your shifts, I message you before → after.' : 'Shift-moved messages are **on**. Say "notify moves off" to stop them (reminders are separate: "remind off").';
    return changed ? 'Shift-moved messages are off. Say "notify moves on" to get them again.' : 'Shift-moved messages are **off**. Say "notify moves on" to get them again.';
  });
};
