import type { Duty } from '../../rotation/duties.js';

/**
 * The `setup` form's checklist: one duty a line, its time, its task, then optionally ` | ` and a link and ` | channel`:
 *
 *   Mon-Fri 09:15 Check the backups | https://runbooks.contoso.com/backups
 *   Sat 08:00 Release day: watch the roll-out | channel
 *
 * The lines become the rotation file's `duties` unchanged in meaning, so the file's rules and messages check them.
 */
export type DutyLines = {
  /** As the file writes them; a line that is not a duty still gives one, so validation names what is wrong. */
  duties: Array<Record<string, string>>;
  /** The form's line number (1-based, blank lines counted) of each duty. */
  lines: number[];
};

/** "9:15" is caught as a time here so the file's rule can say it needs "09:15". */
const TIME_LIKE = /^\d{1,2}[:.]\d{2}$/;

export function dutiesFromLines(text: string): DutyLines {
  const out: DutyLines = { duties: [], lines: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const [head = '', ...options] = raw.split(/\s\|\s|\s\|$|^\|\s/).map((s) => s.trim());
    const words = head.split(/\s+/);
    const timeWords = TIME_LIKE.test(words[0] ?? '') ? 1 : TIME_LIKE.test(words[1] ?? '') ? 2 : 1;
    const duty: Record<string, string> = { at: words.slice(0, timeWords).join(' '), task: words.slice(timeWords).join(' ') };
    for (const option of options.filter(Boolean)) {
      if (option === 'channel' || option === 'personal') duty.post = option;
      else duty.link = option;
    }
    out.duties.push(duty);
    out.lines.push(i + 1);
  });
  return out;
}

/** The form's text for a rotation's duties: what dutiesFromLines reads back to the same duties. */
export function dutiesToLines(duties: readonly Duty[] | undefined): string {
  return (duties ?? [])
    .map((d) => [`${d.at} ${d.task}`, ...(d.link ? [d.link] : []), ...(d.post ? [d.post] : [])].join(' | '))
    .join('\n');
}
