import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { ADDRESS_EXPECTED, isAddress } from '../../../rotation/address.js';
import { CliError } from '../cliError.js';
import { loadConfig } from '../../root/config.js';
import { ChatButtons, type CardButton } from './buttons.js';
import { localAccount, personalConversationId, type Delivered, type LocalUser } from './connector.js';
import { BotHealth, realTimer, type ChatTimer, type HealthTiming } from './health.js';
import { fillInputs, parseClick } from './inputs.js';
import { renderActivity, renderCard } from './render.js';
import { joinChatConnector, type ConnectorMembership } from './session.js';

type Out = (s: string) => void;
type Post = (activity: Record<string, unknown>, what: string) => Promise<Record<string, unknown> | undefined>;

export interface ChatOptions {
  botUrl: string;
  user: LocalUser;
  lines: AsyncIterable<string>;
  out: Out;
  /** The local chat connector every session on this machine shares (the first one runs it). */
  connectorPort: number;
  /** Prompt before each line (interactive terminals only). */
  prompt?: () => void;
  timer?: ChatTimer;
  health?: HealthTiming;
  /** The activities' timestamps. */
  clock?: () => number;
}

const TENANT = 'local-tenant';
const code = (err: unknown) => (err as { cause?: { code?: string } }).cause?.code;

/**
 * `npm run rota -- chat`: a terminal conversation with the locally running bot over its real HTTP endpoint,
 * playing one Teams user in their own personal chat. `@someone@contoso.com` in a line becomes a real mention
 * entity; `/click N field=value …` presses button N of the cards shown in this terminal; `/quit` ends. Cards Rota
 * sends this person from anywhere (a swap proposal, a reminder) arrive here through the shared local connector.
 */
export async function runChat(o: ChatOptions): Promise<void> {
  // Take the iterator first: readline drops lines that arrive (piped input) before anyone iterates.
  const input = o.lines[Symbol.asyncIterator]();
  const own = personalConversationId(o.user.email);
  const buttons = new ChatButtons();
  // Output that arrives while the person is at the prompt (a proactive card, "Rota stopped") gets a fresh prompt.
  let atPrompt = false;
  const print = (s: string) => {
    if (atPrompt && o.prompt) o.out('\n');
    o.out(s);
    if (atPrompt) o.prompt?.();
  };
  const show = (d: Delivered) => {
    const where = d.conversationId === own ? '' : ` in ${d.conversationId}`;
    print(`Rota${where}${d.method === 'PUT' ? ' (card updated)' : ''}:\n${renderActivity(d.activity, buttons.forCard(d))}\n`);
  };
  const connector = await joinChatConnector(o.connectorPort, o.user, show, (line) => print(`${line}\n`));
  const health = new BotHealth(`${o.botUrl}/healthz`, (line) => print(`${line}\n`), o.timer ?? realTimer, o.health);
  const base = {
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: o.user.id, name: o.user.name, aadObjectId: o.user.aadObjectId },
    recipient: { id: '28:rota', name: 'Rota' },
    conversation: { id: own, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
  const post = poster(o, base, health, connector);
  let watch: Promise<void> | undefined;
  try {
    await post({ type: 'conversationUpdate', membersAdded: [base.recipient] }, 'the hello');
    watch = health.watch();
    o.prompt?.();
    atPrompt = true;
    for (let r = await input.next(); !r.done; r = await input.next()) {
      atPrompt = false;
      const line = r.value.trim();
      if (line === '/quit' || line === '/exit') break;
      if (line.startsWith('/click')) await click(line, buttons, base.conversation, post, o.out);
      else if (line) await post({ type: 'message', ...withMentions(line) }, `"${line}"`);
      o.prompt?.();
      atPrompt = true;
    }
  } finally {
    health.stop();
    await watch;
    await connector.close();
  }
}

/**
 * Posts activities to the bot. One Rota refused (it is stopped: connection refused) is sent once it is back, with the
 * same id; one it may have received (the connection broke mid-request) is not sent again, and the person is told.
 * After each answer the connector is synced, so everything the bot sent meanwhile is printed before the next prompt.
 */
function poster(o: ChatOptions, base: Record<string, unknown>, health: BotHealth, connector: ConnectorMembership): Post {
  const clock = o.clock ?? Date.now;
  let seq = 0;
  let contacted = false;
  const postOnce = async (body: string) => {
    const res = await fetch(`${o.botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (res.status === 401) throw new CliError(`the bot at ${o.botUrl} answered 401: it authenticates requests (MicrosoftAppId is set); the terminal chat talks to a local bot without an app id`);
    const text = await res.text();
    if (res.status >= 400) o.out(`Rota answered ${res.status}${text ? `: ${text}` : ''}\n`);
    return text && res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  };
  return async (activity, what) => {
    const body = JSON.stringify({ ...base, id: `cli-${o.user.email}-${clock()}-${++seq}`, timestamp: new Date(clock()).toISOString(), ...activity });
    for (;;) {
      await health.whenUp();
      try {
        const answer = await postOnce(body);
        contacted = true;
        await connector.sync();
        return answer;
      } catch (err) {
        // fetch fails with a TypeError whose cause is the socket error; anything else is a real failure.
        if (!(err instanceof TypeError)) throw err;
        if (!contacted) throw new CliError(`no bot answers at ${o.botUrl}; start it first with npm start`);
        health.down();
        if (code(err) === 'ECONNREFUSED') continue;
        await health.whenUp();
        o.out(`Rota may not have received ${what}; it was not sent again, so check before repeating it.\n`);
        return undefined;
      }
    }
  };
}

/** `@bob@contoso.com` → `<at>Bob</at>` plus a mention entity; the connector's member API then knows Bob. */
function withMentions(line: string): { text: string; entities?: unknown[] } {
  const entities: unknown[] = [];
  const text = line.replace(/@([^\s@]+@[^\s@]+\.[^\s@]+)/g, (_m, email: string) => {
    const user = localAccount(email);
    entities.push({ type: 'mention', text: `<at>${user.name}</at>`, mentioned: { id: user.id, name: user.name } });
    return `<at>${user.name}</at>`;
  });
  return entities.length ? { text, entities } : { text };
}

/** The conversation a card's click is sent in: this person's chat, or the channel thread the card was posted to. */
function conversationOf(button: CardButton, own: { id: string; conversationType: string; tenantId: string }) {
  if (button.conversationId === own.id) return { conversation: own };
  const channel = button.conversationId.startsWith('19:') ? button.conversationId.split(';')[0]! : undefined;
  return {
    conversation: { id: button.conversationId, conversationType: channel ? 'channel' : 'groupChat', tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, ...(channel ? { channel: { id: channel } } : {}) },
  };
}

async function click(line: string, buttons: ChatButtons, own: { id: string; conversationType: string; tenantId: string }, post: Post, out: Out) {
  const parsed = parseClick(line);
  if (!parsed.ok) return out(`${parsed.error}\n`);
  const { n, fields } = parsed.value;
  const button = buttons.get(n);
  if (button === 'retired') return out(`Button ${n} was on a card that has changed since; buttons now: ${buttons.summary()}\n`);
  if (!button) return out(`There is no button ${n}; buttons in this terminal: ${buttons.summary()}\n`);
  const filled = fillInputs(button.inputs, fields);
  if (!filled.ok) return out(`${filled.error}\n`);
  const data = { ...button.data, ...filled.value };
  const where = { ...conversationOf(button, own), replyToId: button.activityId };
  if (button.kind === 'submit') {
    await post({ type: 'message', value: data, ...where }, `the click on "${button.title}"`);
    return;
  }
  const res = await post({ type: 'invoke', name: 'adaptiveCard/action', ...where, value: { action: { type: 'Action.Execute', verb: button.verb, data }, trigger: 'manual' } }, `the click on "${button.title}"`);
  const body = res as { type?: string; value?: unknown } | undefined;
  if (body?.type === 'application/vnd.microsoft.card.adaptive') out(`Rota (card replaced):\n${renderCard(body.value as Record<string, unknown>, buttons.forCard(button))}\n`);
  else if (body?.value !== undefined) out(`Rota: ${String(body.value)}\n`);
}

export function addChatCommand(program: Command, out: Out): void {
  program
    .command('chat')
    .description('talk to the locally running bot as a Teams user (its real /api/messages; replies arrive on a local connector shared by every chat session)')
    .option('--url <url>', 'the bot (default http://127.0.0.1:$PORT)')
    .option('--email <upn>', 'who you are: the e-mail/UPN rotation files use', 'alice@contoso.com')
    .option('--name <name>', 'your display name in Teams')
    .option('--aad-id <id>', 'your AAD object id (default derived from the e-mail)')
    .option('--connector-port <port>', "the local connector the chat sessions share (default: the bot's port + 1)")
    .action(async (opts: { url?: string; email: string; name?: string; aadId?: string; connectorPort?: string }) => {
      if (!isAddress(opts.email)) throw new CliError(`--email: ${ADDRESS_EXPECTED}, got "${opts.email}"`, 2);
      const botUrl = (opts.url ?? `http://127.0.0.1:${loadConfig().port}`).replace(/\/$/, '');
      const connectorPort = opts.connectorPort === undefined ? Number(new URL(botUrl).port || 80) + 1 : Number(opts.connectorPort);
      if (!Number.isInteger(connectorPort) || connectorPort < 1 || connectorPort > 65535) throw new CliError(`--connector-port: expected a port number, got "${opts.connectorPort}"`, 2);
      const user = { ...localAccount(opts.email, opts.name), ...(opts.aadId ? { aadObjectId: opts.aadId } : {}) };
      const interactive = Boolean(process.stdin.isTTY);
      // With a terminal, readline echoes what is typed and redraws the prompt with the half-typed line after output.
      const rl = createInterface({ input: process.stdin, ...(interactive ? { output: process.stdout, terminal: true, prompt: '> ' } : { terminal: false }) });
      // Ctrl-C ends the chat like /quit (readline would otherwise only pause).
      rl.on('SIGINT', () => rl.close());
      out(`Chatting with Rota at ${botUrl} as ${user.name} <${user.email}>. Try "who", "my shifts", "help"; /click N to press a button; /quit to leave.\n`);
      await runChat({ botUrl, user, lines: rl, out, connectorPort, ...(interactive ? { prompt: () => rl.prompt(true) } : {}) });
      rl.close();
    });
}
