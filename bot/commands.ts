/**
 * The chat commands, one list: the help card and the Teams manifest's commandLists are both built from it.
 * `ready` marks the commands this build answers; the others are announced as coming.
 */
export interface CommandInfo {
  name: string;
  usage: string;
  description: string;
  ready: boolean;
  /**
   * Where the Teams command menu (the manifest's `commandLists`) offers this command; all three scopes when absent.
   * Teams shows at most 10 commands per scope, so once the list grows past that, narrow the rarer ones here.
   * It does not change where the bot answers the command.
   */
  menuScopes?: readonly CommandScope[];
  /** Other words people use for it; with the name, usage and description they pick the closest command to a guess. */
  keywords?: readonly string[];
}

/** The Teams scopes Rota's bot is installed in. */
export const COMMAND_SCOPES = ['personal', 'team', 'groupChat'] as const;
export type CommandScope = (typeof COMMAND_SCOPES)[number];

/** Teams' limit on commands per command list (per scope). */
export const MAX_MENU_COMMANDS = 10;

export const COMMANDS: readonly CommandInfo[] = [
  { name: 'who', usage: 'who [rotation] [time]', description: 'Who is on duty now or then ("who ops tomorrow"), until when, who is next, whom to escalate to; "is bob on call?" too', ready: true, keywords: ['oncall', 'call', 'duty', 'tomorrow', 'tonight', 'is', 'whos'] },
  { name: 'next', usage: 'next [rotation]', description: 'The coming shifts and who has them', ready: true, keywords: ['upcoming', 'coming', 'after'] },
  { name: 'schedule', usage: 'schedule [rotation] [N weeks]', description: 'The schedule as a table, overrides and conflicts marked', ready: true, keywords: ['calendar', 'rota', 'plan', 'table', 'show'] },
  { name: 'my shifts', usage: 'my shifts [N weeks]', description: 'Your shift now and every coming one in every rotation (4 weeks unless you say)', ready: true, keywords: ['mine', 'me', 'when', 'am', 'i'] },
  { name: 'swap', usage: 'swap <date|next> with @person [rotation]', description: 'Propose to trade your shift for theirs; they accept or decline', ready: true, keywords: ['trade', 'exchange', 'switch'] },
  { name: 'cover', usage: 'cover @person <from> to <to> [rotation]', description: 'Someone covers a stretch (an override); also "override"', ready: true, keywords: ['replace', 'instead', 'stand'] },
  { name: 'time off', usage: 'time off <from> to <to>', description: 'Record your time off and see which shifts moved to whom', ready: true, keywords: ['vacation', 'holiday', 'leave', 'pto', 'ooo', 'sick', 'away', 'absent'] },
  { name: 'handover', usage: 'handover', description: 'Write the notes and open items for the next person on duty', ready: true, keywords: ['handoff', 'notes', 'items'] },
  { name: 'stats', usage: 'stats [rotation] [N weeks]', description: 'On-duty hours and the interrupt load (duties, items, escalations) per member, last 4 weeks ("next 4 weeks": coming)', ready: true, keywords: ['statistics', 'fairness', 'fair', 'hours', 'load', 'much'] },
  { name: 'rotations', usage: 'rotations', description: 'The rotations Rota knows and their cadence', ready: true, keywords: ['list', 'which', 'cadence'], menuScopes: [] }, // in help, not in the menus
  { name: 'help', usage: 'help', description: 'What Rota can do and how to ask', ready: true, keywords: ['commands', 'how', 'what', 'can'] },
  // Listed in help, kept out of the menus: the ten above fill them.
  { name: 'my changes', usage: 'my changes', description: 'Your time off, covers and swaps still in effect, numbered for cancel', ready: true, menuScopes: [], keywords: ['undo', 'changes', 'mine'] },
  { name: 'cancel', usage: 'cancel <number|id>', description: 'Take back a change from my changes (also "cancel time off")', ready: true, menuScopes: [], keywords: ['undo', 'revert', 'remove', 'delete'] },
  { name: 'duties', usage: 'duties [rotation] [date]', description: 'A day\'s duties and their state: done, skipped, snoozed, missed ("duties ops tomorrow")', ready: true, menuScopes: [], keywords: ['checklist', 'tasks', 'duty', 'done', 'missed'] },
  // Rare commands: answered everywhere and listed in help, kept out of the menus (10 per scope at most).
  { name: 'items', usage: 'items [rotation] [all]', description: 'The open items: number, text, who holds them and since when', ready: true, menuScopes: [], keywords: ['open', 'issues', 'todo', 'list'] },
  { name: 'item add', usage: 'item add [rotation] <text or link>', description: 'Open an item; the person on duty holds it until someone closes it', ready: true, menuScopes: [], keywords: ['issue', 'new', 'open', 'track'] },
  { name: 'item', usage: 'item <n>', description: 'An item and its history: who opened, held, passed and closed it', ready: true, menuScopes: [], keywords: ['history', 'who', 'held'] },
  { name: 'item done', usage: 'item done <n> [note]', description: 'Close an item (its holder, the person on duty or an admin)', ready: true, menuScopes: [], keywords: ['close', 'fixed', 'resolved'] },
  { name: 'item assign', usage: 'item assign <n> @person', description: 'Pass an item to someone (its holder, the person on duty or an admin)', ready: true, menuScopes: [], keywords: ['pass', 'give', 'hand'] },
  { name: 'item take', usage: 'item take <n>', description: 'Ask an item\'s holder to let you take it over; they answer on a card', ready: true, menuScopes: [], keywords: ['take', 'over', 'mine'] },
  { name: 'item accept', usage: 'item accept [n]', description: 'Take on the items a handoff passed to you, all or item n (as "I\'ve got it" on the handoff card does)', ready: true, menuScopes: [], keywords: ['accept', 'mine', 'handoff'] },
  { name: 'escalate', usage: 'escalate [rotation] <what>', description: 'Post to the rotation\'s channel @mentioning the escalation rotation\'s person on duty; recorded as an item', ready: true, menuScopes: [], keywords: ['dev', 'page', 'help', 'alert'] },
  { name: 'take', usage: 'take [rotation] [for 2h | until 18:00] [from @person]', description: 'Take the pager from now (a cover of you, until the end of their stretch unless you say); the person relieved is told', ready: true, menuScopes: [], keywords: ['pager', 'relieve', 'relief'] },
  { name: 'setup', usage: 'setup [rotation]', description: 'Admins: create a rotation, or edit one made in chat, with a form', ready: true, menuScopes: [], keywords: ['create', 'new', 'edit', 'admin'] },
];

/** The ready commands the Teams command menu offers in `scope`, in help order; more than Teams allows is an error. */
export function manifestCommands(scope: CommandScope, commands: readonly CommandInfo[] = COMMANDS): CommandInfo[] {
  const listed = commands.filter((c) => c.ready && (c.menuScopes ?? COMMAND_SCOPES).includes(scope));
  if (listed.length > MAX_MENU_COMMANDS) {
    throw new Error(
      `${listed.length} commands for the ${scope} command menu, Teams allows ${MAX_MENU_COMMANDS}: ` +
        `narrow some with menuScopes in bot/commands.ts (${listed.map((c) => c.name).join(', ')})`,
    );
  }
  return listed;
}
