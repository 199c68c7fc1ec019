import { parseElapsed } from '../../rotation/duration.js';
import { fail, ok, type Outcome } from '../../rotation/result.js';
import { nextLocalMidnight, parseChatTime } from './dates.js';
import { echo } from './format.js';

/** What `take` was told beyond the rotation: until when (undefined: the end of the relieved person's stretch), and from whom. */
export interface TakeArgs {
  until?: number;
  from?: string;
}

/**
 * "for 2h", "for 90m", "for 1d", "until 18:00", "until friday" (that whole day, as a date alone ends elsewhere in chat),
 * and "from alice" in any order. Anything else is named back with what was expected.
 */
export function parseTakeArgs(text: string, zone: string, now: number): Outcome<TakeArgs> {
  let rest = text.trim();
  const out: TakeArgs = {};
  const from = /(?:^|\s)from\s+(\S+)\s*$/i.exec(rest) ?? /^from\s+(\S+)(?:\s+|$)/i.exec(rest);
  if (from) {
    out.from = from[1]!;
    rest = rest.replace(from[0], ' ').trim();
  }
  if (!rest) return ok(out);
  const forMatch = /^for\s+(.+)$/i.exec(rest);
  if (forMatch) {
    const ms = parseElapsed(forMatch[1]!.replace(/\s+/g, '').replace(/(?:hours?|hrs?)$/, 'h').replace(/(?:minutes?|mins?)$/, 'm').replace(/days?$/, 'd'));
    if (!ms) return fail(`'${echo(forMatch[1]!)}' is not a length: write 'for 2h', 'for 90m' or 'for 1d'.`);
    return ok({ ...out, until: now + ms });
  }
  const untilMatch = /^(?:until|till|to)\s+(.+)$/i.exec(rest);
  if (!untilMatch) return fail(`I could not read '${echo(rest)}': write 'take [rotation] [for 2h | until 18:00] [from <person>]'.`);
  const t = parseChatTime(untilMatch[1]!, zone, now);
  if (!t.ok) return t;
  const until = t.value.dateOnly ? nextLocalMidnight(t.value.instant, zone) : t.value.instant;
  if (until <= now) return fail(`'${echo(untilMatch[1]!)}' is not after now: a take runs from now until a later time.`);
  return ok({ ...out, until });
}
