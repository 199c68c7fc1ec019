/** A readable terminal rendering of what the bot sends: text with @mentions, and Adaptive Cards as plain text. */

export interface CardAction {
  title: string;
  verb: string;
  data: Record<string, unknown>;
  /** Ids of the inputs on the card, filled in by `/click N id=value`. */
  inputs: string[];
}

const plain = (s: unknown) => String(s ?? '').replace(/<at>([^<]*)<\/at>/g, '@$1');

/** Renders a card; its Action.Execute buttons are appended to `actions` and shown with their numbers. */
export function renderCard(card: Record<string, unknown>, actions: CardAction[]): string {
  const lines: string[] = [];
  const inputs: string[] = [];
  const walk = (items: unknown[]) => {
    for (const raw of items) {
      const el = raw as Record<string, unknown>;
      switch (el.type) {
        case 'TextBlock':
          lines.push(el.weight === 'Bolder' && el.size === 'Large' ? `== ${plain(el.text)} ==` : plain(el.text));
          break;
        case 'FactSet':
          for (const f of (el.facts ?? []) as Array<{ title: string; value: string }>) lines.push(`  ${plain(f.title)}: ${plain(f.value)}`);
          break;
        case 'Table': {
          const rows = ((el.rows ?? []) as Array<{ cells: Array<{ items: Array<{ text?: string }> }> }>).map((r) => r.cells.map((c) => plain(c.items.map((i) => i.text ?? '').join(' ')).trim()));
          const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
          for (const r of rows) lines.push(`  ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')}`.trimEnd());
          break;
        }
        case 'Input.Text':
          inputs.push(String(el.id));
          lines.push(`  [${String(el.id)}] ${plain(el.label)}${el.value ? `: ${plain(el.value)}` : ''}`);
          break;
        case 'Container':
          walk((el.items ?? []) as unknown[]);
          break;
        default:
          break;
      }
    }
  };
  walk((card.body ?? []) as unknown[]);
  for (const a of (card.actions ?? []) as Array<Record<string, unknown>>) {
    if (a.type !== 'Action.Execute') continue;
    actions.push({ title: String(a.title), verb: String(a.verb), data: (a.data ?? {}) as Record<string, unknown>, inputs });
    lines.push(`  (${actions.length}) ${String(a.title)}`);
  }
  return ['┌────', ...lines.map((l) => `│ ${l}`), '└────'].join('\n');
}

/** Text and cards of one activity. */
export function renderActivity(activity: Record<string, unknown>, actions: CardAction[]): string {
  const parts: string[] = [];
  if (activity.text) parts.push(plain(activity.text));
  for (const a of (activity.attachments ?? []) as Array<{ contentType?: string; content?: Record<string, unknown> }>) {
    if (a.contentType === 'application/vnd.microsoft.card.adaptive' && a.content) parts.push(renderCard(a.content, actions));
  }
  return parts.join('\n');
}
