import http from 'node:http';
import { CliError } from '../cliError.js';
import { CONNECTOR_MARK, startChatConnector, type ChatConnector, type ConnectorEvent, type Delivered, type LocalUser } from './connector.js';
import { messageOf } from '../../../rotation/messageOf.js';

export interface ConnectorMembership {
  /** The connector's URL: the serviceUrl every activity of this session carries. */
  url: string;
  /** Resolves once every delivery the connector had for this session so far has been handed to `onDelivery`. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
const code = (err: unknown) => (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;

/**
 * Joins the chat connector on `port` as `user`: the first session on the machine runs it, the others subscribe to
 * it. When the session running it ends, the others' streams close and one of them takes over on the same port, so
 * the serviceUrl the bot stored keeps working.
 */
export async function joinChatConnector(port: number, user: LocalUser, onDelivery: (d: Delivered) => void, notice: (line: string) => void): Promise<ConnectorMembership> {
  const url = `http://127.0.0.1:${port}`;
  let hosted: ChatConnector | undefined;
  let stream: http.ClientRequest | undefined;
  let session = '';
  let closing = false;
  let takingOver: Promise<void> | undefined;
  // A sync marker can arrive before the POST that asked for it has answered: remember it until it is awaited.
  const pending = new Map<string, () => void>();
  const arrived = new Set<string>();
  const flush = () => {
    for (const done of pending.values()) done();
    pending.clear();
  };

  const onEvent = (e: ConnectorEvent) => {
    if (e.kind === 'hello') session = e.session;
    else if (e.kind === 'delivery') onDelivery(e.delivery);
    else if (pending.has(e.token)) {
      pending.get(e.token)!();
      pending.delete(e.token);
    } else arrived.add(e.token);
  };

  const subscribe = () =>
    new Promise<void>((resolve, reject) => {
      const query = new URLSearchParams({ email: user.email, name: user.name, aad: user.aadObjectId });
      const req = http.get(`${url}/local/stream?${query}`, (res) => {
        if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('ndjson')) {
          res.resume();
          return reject(new CliError(`port ${port} is taken by something that is not Rota's chat connector; choose another with --connector-port`));
        }
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            let event: ConnectorEvent;
            try {
              event = JSON.parse(line) as ConnectorEvent;
            } catch {
              notice(`The local connector sent a line the chat cannot read (not JSON); it was skipped: ${line.slice(0, 80)}`);
              continue;
            }
            onEvent(event);
            if (event.kind === 'hello') resolve();
          }
        });
        res.on('close', () => {
          flush();
          if (!closing) takingOver = takeOver();
        });
      });
      req.on('error', reject);
      stream = req;
    });

  const connect = async () => {
    for (let attempt = 1; !closing; attempt++) {
      try {
        hosted = await startChatConnector(port);
      } catch (err) {
        if (code(err) !== 'EADDRINUSE') throw err;
      }
      try {
        await subscribe();
        if (closing) stream?.destroy();
        return;
      } catch (err) {
        // The session that ran the connector may be stopping right now: try to take its place.
        if (code(err) !== 'ECONNREFUSED' && code(err) !== 'ECONNRESET') throw err;
        if (attempt >= 20) throw new CliError(`the chat connector on port ${port} does not answer: ${messageOf(err)}`);
        await pause(50 * attempt);
      }
    }
  };
  const takeOver = async () => {
    try {
      await connect();
    } catch (err) {
      notice(`The terminal chat lost its connector, so Rota's messages cannot reach it: ${messageOf(err)}`);
    }
  };

  await connect();
  return {
    url,
    async sync() {
      // No connector answering (it is being taken over) means nothing more can arrive: there is nothing to wait for.
      const res = await fetch(`${url}/local/sync/${session}`, { method: 'POST' }).catch(() => undefined);
      if (!res?.ok) return;
      const { token } = (await res.json()) as { token: string };
      if (arrived.delete(token)) return;
      await new Promise<void>((resolve) => pending.set(token, resolve));
    },
    async close() {
      closing = true;
      stream?.destroy();
      flush();
      await takingOver;
      await hosted?.close();
    },
  };
}

/** Whether `port` answers as Rota's chat connector (for status lines and tests). */
export async function connectorAt(port: number): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/local/connector`).catch(() => undefined);
  return res?.ok === true && ((await res.json()) as { service?: string }).service === CONNECTOR_MARK;
}
