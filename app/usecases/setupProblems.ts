import type { FieldError } from '../../rotation/file.js';

/** The form's field for each rotation field, in the words the form uses. */
const FIELD_LABELS: Record<string, string> = {
  id: 'Id',
  name: 'Name',
  members: 'Members',
  every: 'Every (cadence)',
  handoff: 'Handoff weekday and time',
  timezone: 'Time zone',
  start: 'Start date',
  onDuty: 'People on duty',
  escalation: 'Escalation (from the earlier definition)',
  avoid: 'Avoid rule (from the earlier definition)',
  days: 'Days (from the earlier definition)',
  holidays: 'Holidays (from the earlier definition)',
  duties: 'Duties',
  morningCheck: 'Morning check',
  eveningCheck: 'Evening check',
  effective: 'A change of members takes effect',
};

const DUTY_PARTS: Record<string, string> = { at: 'time', task: 'task', link: 'link', post: 'post' };

/** `rotations[0].duties[1].at` → "Duties, line 3 (time)": the form's line, blank lines counted. */
function dutyProblem(rest: string, lines: number[]): string | undefined {
  const m = /^\[(\d+)\](?:\.([A-Za-z]+))?$/.exec(rest);
  if (!m) return undefined;
  const part = m[2] === undefined ? '' : ` (${DUTY_PARTS[m[2]] ?? m[2]})`;
  return `Duties, line ${lines[Number(m[1])] ?? Number(m[1]) + 1}${part}`;
}

/** A file problem in the setup form's words: the field by its label, a duty by its line on the form. */
export function plainProblem(e: FieldError, index: number, dutyLines: number[]): string {
  const m = /^rotations\[(\d+)\]\.([A-Za-z]+)(.*)$/.exec(e.path);
  const duty = m && Number(m[1]) === index && m[2] === 'duties' ? dutyProblem(m[3] ?? '', dutyLines) : undefined;
  // "the same duty as duties[0]" names the other by its line on the form too.
  if (duty) return `${duty}: ${e.message.replace(/duties\[(\d+)\]/g, (_all, k: string) => `line ${dutyLines[Number(k)] ?? Number(k) + 1}`)}`;
  if (m && Number(m[1]) === index) {
    const label = FIELD_LABELS[m[2]!] ?? m[2]!;
    const item = /^\[(\d+)\]/.exec(m[3] ?? '');
    return `${label}${item ? ` (entry ${Number(item[1]) + 1})` : ''}: ${e.message}`;
  }
  return `${e.path || 'the rotation file'}: ${e.message}`;
}
