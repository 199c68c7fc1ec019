import { ANY_DAY, WEEKDAY_CHOICES, type SetupSaved, type SetupValues } from '../app/usecases/setup.js';
import { card, execute, text, type Card } from './cards.js';
import { AT_ONCE_FIELDS } from '../app/usecases/dutySince.js';
import { when } from '../app/usecases/format.js';
import { ROLLOUT_CHOICES } from '../app/usecases/setupPreview.js';

/**
 * The members input: Teams' people picker ("People Picker in Adaptive Cards", https://learn.microsoft.com/
 * microsoftteams/platform/task-modules-and-cards/cards/people-picker), an Input.ChoiceSet whose `choices.data` is a
 * Data.Query. Searching the whole organisation (graph.microsoft.com/users) works in the bot's 1:1 chat only; in a
 * channel or group chat the dataset searches the conversation's members (?scope=currentContext). Teams searches, so
 * no roster goes into the card (a team of 5,000 made it far larger than the 28 KB Teams accepts).
 */
export interface MembersPicker {
  dataset: 'graph.microsoft.com/users' | 'graph.microsoft.com/users?scope=currentContext';
  /** The current members as static choices (memberChoices), preselected in rotation order. */
  current: Array<{ title: string; value: string }>;
}

/** Above this many members the form leaves them out (they are kept as they are): the card must stay small. */
export const MAX_FORM_MEMBERS = 60;

/** The `setup` form: members are picked with Teams' people picker. The id is asked only for a new rotation. */
export function setupFormCard(v: SetupValues, picker: MembersPicker): Card {
  const title = v.editing ? `Edit ${v.name || v.id} (${v.id})` : 'New rotation';
  const body: unknown[] = [text(title, { size: 'Large', weight: 'Bolder' })];
  if (v.editing) body.push(text('Changes take effect at the next handoff, so the shift in progress stays as it is (a change of members: as chosen below, and you see whose shifts move before it is saved); duties and checks change at once.', { isSubtle: true }));
  else body.push({ type: 'Input.Text', id: 'id', label: 'Id (lowercase letters, digits and dashes, such as payments)', value: v.id, isRequired: true, errorMessage: 'An id is needed' });
  body.push({ type: 'Input.Text', id: 'name', label: 'Name', value: v.name, placeholder: 'Payments on call' });
  const keepMembers = picker.current.length > MAX_FORM_MEMBERS;
  if (keepMembers) {
    body.push(text(`Members: ${picker.current.length}, too many to edit on a card; they stay as they are (change them with \`rota export\` and \`rota apply\`).`, { isSubtle: true }));
  } else {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'members',
      label: 'Members, in rotation order',
      isMultiSelect: true,
      style: 'filtered',
      choices: picker.current,
      'choices.data': { type: 'Data.Query', dataset: picker.dataset },
      value: picker.current.map((c) => c.value).join(','),
    });
  }
  const weekdays = [...WEEKDAY_CHOICES.map((d) => ({ title: d, value: d })), { title: 'Any day (day-based rotations)', value: ANY_DAY }];
  body.push(
    { type: 'Input.Text', id: 'every', label: 'Every (shift length: 1d, 1w, 2w…)', value: v.every },
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.ChoiceSet', id: 'weekday', label: 'Handoff day', style: 'compact', choices: weekdays, value: v.weekday }] },
        { type: 'Column', width: 'stretch', items: [{ type: 'Input.Time', id: 'time', label: 'Handoff time', value: v.time }] },
      ],
    },
    { type: 'Input.Text', id: 'timezone', label: 'Time zone (IANA, such as Europe/Berlin)', value: v.timezone },
    { type: 'Input.Date', id: 'start', label: 'Start date (the first handoff)', value: v.start },
    { type: 'Input.Number', id: 'onDuty', label: 'People on duty at once', min: 1, value: Number(v.onDuty) || 1 },
    { type: 'Input.ChoiceSet', id: 'effective', label: 'A change of members takes effect', style: 'compact', choices: ROLLOUT_CHOICES.map((c) => ({ title: c.title, value: c.value })), value: v.effective ?? 'next-handoff' },
    ...checklistInputs(v),
  );
  const data = { ...(v.editing ? { editing: v.editing } : {}), ...(keepMembers ? { keepMembers: true } : {}), checklist: true };
  return card(body, { actions: [execute('Save rotation', 'setup.save', data, 'positive')] });
}

/** The duty checklist and the daily checks, in the rotation file's words (times local to the rotation's zone). */
function checklistInputs(v: SetupValues): unknown[] {
  return [
    {
      type: 'Input.Text',
      id: 'duties',
      isMultiline: true,
      label: 'Duties, one a line: days and time, the task, then "| link" and "| channel" if wanted',
      placeholder: 'Mon-Fri 09:15 Check the nightly backups | https://runbooks.contoso.com/backups',
      value: v.duties ?? '',
    },
    { type: 'Input.Text', id: 'morningCheck', label: 'Morning check (a summary for the person on duty), such as 09:00 or Mon-Fri 09:00', value: v.morningCheck ?? '' },
    { type: 'Input.Text', id: 'eveningCheck', label: "Evening check (asks the person on duty for the day's status), such as 17:30", value: v.eveningCheck ?? '' },
  ];
}

/** The form once saved: what was saved and from when it takes effect. */
export function setupSavedCard(s: SetupSaved): Card {
  const r = s.rotation;
  const headline = { created: 'created', updated: 'updated', unchanged: 'unchanged: the form matched what is stored' }[s.action];
  const from =
    s.effectiveFrom === undefined
      ? `From its start date, ${r.def.start} (a new rotation).`
      : s.action === 'unchanged'
        ? 'Nothing changed.'
        : editedFrom(s, when(s.effectiveFrom, r.timezone));
  return card([
    text(`✅ ${r.name} (${r.id}) ${headline}`, { size: 'Large', weight: 'Bolder' }),
    {
      type: 'FactSet',
      facts: [
        { title: 'Members', value: shortList(r.def.members) },
        { title: 'Every', value: r.def.every },
        { title: 'Handoff', value: `${r.def.handoff} ${r.timezone}` },
        { title: 'Start', value: r.def.start },
        { title: 'On duty', value: String(r.def.onDuty ?? 1) },
        ...(r.def.morningCheck ? [{ title: 'Morning check', value: r.def.morningCheck }] : []),
        ...(r.def.eveningCheck ? [{ title: 'Evening check', value: r.def.eveningCheck }] : []),
        ...(r.def.duties?.length ? [{ title: 'Duties', value: shortList(r.def.duties.map((d) => `${d.at} ${d.task}`), 10, '; ') }] : []),
        ...(s.fields.length ? [{ title: 'Changed', value: s.fields.join(', ') }] : []),
      ],
    },
    text(`**Takes effect:** ${from}`),
    text(`Say **subscribe ${r.id}** in a channel to post its handoffs there.`, { isSubtle: true, size: 'Small' }),
  ]);
}

const AT_ONCE_NAMES: Record<string, string> = { duties: 'the duty checklist', morningCheck: 'the morning check', eveningCheck: 'the evening check' };

/** An edit: the roster and rules by its roll-out (rotation/rollout.ts); duties and checks at once (the duties job reads the latest). */
function editedFrom(s: SetupSaved, handoff: string): string {
  const atOnce = s.fields.filter((f) => AT_ONCE_FIELDS.includes(f)).map((f) => AT_ONCE_NAMES[f] ?? f);
  const scheduled = {
    now: `Now, ${handoff}: who was on duty and stays keeps the shift in progress; anyone removed stopped there.`,
    'next-cycle': `Once everyone in the current order has had their turn, ${handoff}; the shifts until then stay as they were.`,
    'next-handoff': `From the next handoff, ${handoff}; the shift in progress stays as it was.`,
  }[s.mode ?? 'next-handoff'];
  if (atOnce.length === 0) return scheduled;
  const named = atOnce.length === 1 ? atOnce[0]! : `${atOnce.slice(0, -1).join(', ')} and ${atOnce.at(-1)}`;
  const now = `${named.charAt(0).toUpperCase()}${named.slice(1)}: at once.`;
  return atOnce.length === s.fields.length ? now : `${scheduled} ${now}`;
}

/** A list short enough for a card: the first ones, then how many more. */
function shortList(items: string[], shown = 20, separator = ', '): string {
  return items.length <= shown ? items.join(separator) : `${items.slice(0, shown).join(separator)} and ${items.length - shown} more`;
}
