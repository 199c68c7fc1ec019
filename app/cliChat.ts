import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { ADDRESS_EXPECTED, isAddress } from '../rotation/address.js';
import { CliError } from './cliError.js';
import { loadConfig } from './config.js';
import { startChatConnector, type LocalUser } from './chatConnector.js';
import { renderActivity, renderCard, type CardAction } from './chatRender.js';

type Out = (s: string) => void;

export interface ChatOptions {
  botUrl: string;
  user: LocalUser;
  lines: AsyncIterable<string>;
  out: Out;
  /** Prompt before each line (interactive terminals only). */
  prompt?: () => void;
}

function account(email: string, name?: string): LocalUser {
  const local = email.split('@')[0]!;
  return { id: `29:${email}`, name: name ?? local.charAt(0).toUpperCase() + local.slice(1), aadObjectId: `aad-${email}`, email };
}

/**
 * `npm run rota -- chat`: a terminal conversation with the locally running bot over its real HTTP endpoint,
 * playing one Teams user in a personal chat. `@someone@contoso.com` in a line becomes a real mention entity;
 * `/click N field=value …` presses button N of the cards shown so far; `/quit` ends.
 */
export async function runChat(o: ChatOptions): Promise<void> {
  // Take the iterator first: readline drops lines that arrive (piped input) before anyone iterates.
  const input = o.lines[Symbol.asyncIterator]();
  const roster = new Map<string, LocalUser>([[o.user.id, o.user]]);
  const actions: CardAction[] = [];
  const conversationId = `a:cli-${o.user.email}`;
  const connector = await startChatConnector(roster, (d) => {
    const where = d.conversationId === conversationId ? '' : ` → ${d.conversationId}`;
    o.out(`Rota${where}${d.method === 'PUT' ? ' (card updated)' : ''}:\n${renderActivity(d.activity, actions)}\n`);
  });
  const base = {
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: o.user.id, name: o.user.name, aadObjectId: o.user.aadObjectId },
    recipient: { id: '28:rota', name: 'Rota' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 'local-tenant' },
    channelData: { tenant: { id: 'local-tenant' } },
  };
  let seq = 0;
  const post = async (activity: Record<string, unknown>) => {
    let res: Response;
    try {
      res = await fetch(`${o.botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...base, id: `cli-${++seq}`, timestamp: new Date().toISOString(), ...activity }) });
    } catch {
      throw new CliError(`no bot answers at ${o.botUrl}; start it first with npm start`);
    }
    if (res.status === 401) {
      throw new CliError(`the bot at ${o.botUrl} answered 401: it authenticates requests (MicrosoftAppId is set); the terminal chat talks to a local bot without an app id`);
    }
    const text = await res.text();
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  };
  try {
    await post({ type: 'conversationUpdate', membersAdded: [base.recipient] });
    o.prompt?.();
    for (let r = await input.next(); !r.done; r = await input.next()) {
      const line = r.value.trim();
      if (line === '/quit' || line === '/exit') break;
      if (line.startsWith('/click')) await click(line, actions, post, o.out);
      else if (line) await post({ type: 'message', ...withMentions(line, roster) });
      o.prompt?.();
    }
  } finally {
    await connector.close();
  }
}

/** `@bob@contoso.com` → `<at>Bob</at>` plus a mention entity; the connector's member API then knows Bob. */
function withMentions(line: string, roster: Map<string, LocalUser>): { text: string; entities?: unknown[] } {
  const entities: unknown[] = [];
  const text = line.replace(/@([^\s@]+@[^\s@]+\.[^\s@]+)/g, (_m, email: string) => {
    const user = account(email.toLowerCase());
    roster.set(user.id, user);
    entities.push({ type: 'mention', text: `<at>${user.name}</at>`, mentioned: { id: user.id, name: user.name } });
    return `<at>${user.name}</at>`;
  });
  return entities.length ? { text, entities } : { text };
}

async function click(line: string, actions: CardAction[], post: (a: Record<string, unknown>) => Promise<Record<string, unknown> | undefined>, out: Out) {
  const [, n, ...fields] = line.split(/\s+/);
  const action = actions[Number(n) - 1];
  if (!action) return out(`There is no button ${n ?? ''}; buttons so far: ${actions.map((a, i) => `(${i + 1}) ${a.title}`).join(', ') || 'none'}\n`);
  const inputs = Object.fromEntries(
    line
      .slice(line.indexOf(fields[0] ?? '\u0000'))
      .split(/\s(?=\w+=)/)
      .filter((f) => f.includes('='))
      .map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1).replace(/\\n/g, '\n')]),
  );
  const res = await post({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: action.verb, data: { ...action.data, ...inputs } }, trigger: 'manual' } });
  const body = res as { type?: string; value?: unknown } | undefined;
  if (body?.type === 'application/vnd.microsoft.card.adaptive') out(`Rota (card replaced):\n${renderCard(body.value as Record<string, unknown>, actions)}\n`);
  else if (body?.value !== undefined) out(`Rota: ${String(body.value)}\n`);
}

export function addChatCommand(program: Command, out: Out): void {
  program
    .command('chat')
    .description('talk to the locally running bot as a Teams user (its real /api/messages; replies arrive on a local connector)')
    .option('--url <url>', 'the bot (default http://127.0.0.1:$PORT)')
    .option('--email <upn>', 'who you are: the e-mail/UPN rotation files use', 'alice@contoso.com')
    .option('--name <name>', 'your display name in Teams')
    .option('--aad-id <id>', 'your AAD object id (default derived from the e-mail)')
    .action(async (opts: { url?: string; email: string; name?: string; aadId?: string }) => {
      if (!isAddress(opts.email)) throw new CliError(`--email: ${ADDRESS_EXPECTED}, got "${opts.email}"`, 2);
      const botUrl = (opts.url ?? `http://127.0.0.1:${loadConfig().port}`).replace(/\/$/, '');
      const user = { ...account(opts.email.toLowerCase(), opts.name), ...(opts.aadId ? { aadObjectId: opts.aadId } : {}) };
      const rl = createInterface({ input: process.stdin, terminal: process.stdin.isTTY });
      const interactive = Boolean(process.stdin.isTTY);
      out(`Chatting with Rota at ${botUrl} as ${user.name} <${user.email}>. Try "who", "my shifts", "help"; /click N to press a button; /quit to leave.\n`);
      await runChat({ botUrl, user, lines: rl, out, ...(interactive ? { prompt: () => out('> ') } : {}) });
      rl.close();
    });
}
