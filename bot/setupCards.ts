import { ANY_DAY, WEEKDAY_CHOICES, type SetupSaved, type SetupValues } from '../app/usecases/setup.js';
import { card, execute, text, type Card } from './cards.js';
import { when } from '../app/usecases/format.js';

/** A person the members picker offers: the e-mail/UPN rotation files use, and their name. */
export interface RosterEntry {
  email: string;
  name: string;
}

/**
 * The `setup` form: members are picked from the team's roster (a multi-select whose values are e-mails) or, outside
 * a team, typed as e-mail addresses. The id is asked only for a new rotation.
 */
export function setupFormCard(v: SetupValues, roster?: RosterEntry[]): Card {
  const title = v.editing ? `Edit ${v.name || v.id} (${v.id})` : 'New rotation';
  const body: unknown[] = [text(title, { size: 'Large', weight: 'Bolder' })];
  if (v.editing) body.push(text('Changes take effect at the next handoff; the shift in progress stays as it is.', { isSubtle: true }));
  else body.push({ type: 'Input.Text', id: 'id', label: 'Id (lowercase letters, digits and dashes, such as payments)', value: v.id, isRequired: true, errorMessage: 'An id is needed' });
  body.push({ type: 'Input.Text', id: 'name', label: 'Name', value: v.name, placeholder: 'Payments on call' });
  if (roster) {
    const known = new Set(roster.map((r) => r.email));
    const choices = [...roster.map((r) => ({ title: `${r.name} (${r.email})`, value: r.email })), ...v.members.filter((m) => !known.has(m)).map((m) => ({ title: m, value: m }))];
    body.push({ type: 'Input.ChoiceSet', id: 'members', label: 'Members, in rotation order', isMultiSelect: true, style: 'compact', choices, value: v.members.join(',') });
  } else {
    body.push({ type: 'Input.Text', id: 'members', label: 'Members, in rotation order (e-mail addresses, separated by commas)', isMultiline: true, value: v.members.join(', ') });
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
  );
  return card(body, { actions: [execute('Save rotation', 'setup.save', v.editing ? { editing: v.editing } : {}, 'positive')] });
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
        : `From the next handoff, ${when(s.effectiveFrom, r.timezone)}; the shift in progress stays as it was.`;
  return card([
    text(`✅ ${r.name} (${r.id}) ${headline}`, { size: 'Large', weight: 'Bolder' }),
    {
      type: 'FactSet',
      facts: [
        { title: 'Members', value: r.def.members.join(', ') },
        { title: 'Every', value: r.def.every },
        { title: 'Handoff', value: `${r.def.handoff} ${r.timezone}` },
        { title: 'Start', value: r.def.start },
        { title: 'On duty', value: String(r.def.onDuty ?? 1) },
        ...(s.fields.length ? [{ title: 'Changed', value: s.fields.join(', ') }] : []),
      ],
    },
    text(`**Takes effect:** ${from}`),
    text(`Say **subscribe ${r.id}** in a channel to post its handoffs there.`, { isSubtle: true, size: 'Small' }),
  ]);
}
