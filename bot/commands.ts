/**
 * The chat commands, one list: the help card and the Teams manifest's commandLists are both built from it.
 * `ready` marks the commands this build answers; the others are announced as coming.
 */
export interface CommandInfo {
  name: string;
  usage: string;
  description: string;
  ready: boolean;
}

export const COMMANDS: readonly CommandInfo[] = [
  { name: 'who', usage: 'who [rotation]', description: 'Who is on duty now, until when, and who is next', ready: true },
  { name: 'rotations', usage: 'rotations', description: 'The rotations Rota knows and their cadence', ready: true },
  { name: 'help', usage: 'help', description: 'What Rota can do and how to ask', ready: true },
];

export function commandNamed(name: string): CommandInfo | undefined {
  return COMMANDS.find((c) => c.name === name);
}
