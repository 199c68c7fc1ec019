import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, Terminal } from './cliChatKit.js';

/**
 * A stand-in bot that, asked "post", starts a channel thread with a card through the serviceUrl the chat gave it
 * (as Rota's handoff posts do), and records the invokes it receives.
 */
async function channelBot() {
  const invokes: Array<Record<string, unknown>> = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', async () => {
      if (req.url === '/healthz') return res.writeHead(200).end('{}');
      const a = JSON.parse(raw) as { type: string; text?: string; serviceUrl: string };
      if (a.type === 'invoke') {
        invokes.push(JSON.parse(raw) as Record<string, unknown>);
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Got it.' }));
      }
      if (a.text === 'post') {
        const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Handoff: ops' }], actions: [{ type: 'Action.Execute', title: "I've got it", verb: 'handoff.ack', data: { key: 'k1' } }] };
        await fetch(`${a.serviceUrl}/v3/conversations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ isGroup: true, channelData: { channel: { id: '19:ops@thread.tacv2' } }, activity: { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] } }),
        });
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, invokes, close: () => new Promise((r) => server.close(r)) };
}

describe('the terminal chat and cards posted to a channel', () => {
  let bot: Awaited<ReturnType<typeof channelBot>>;
  afterAll(() => bot.close());

  it("shows a channel thread's card in every terminal and sends its click in that thread", async () => {
    bot = await channelBot();
    const port = await freePort();
    const alice = new Terminal('alice@contoso.com', 'Alice', { botUrl: bot.url, connectorPort: port });
    const bob = new Terminal('bob@contoso.com', 'Bob', { botUrl: bot.url, connectorPort: port });
    alice.type('post');
    await Promise.all([alice.waitFor("(1) I've got it"), bob.waitFor("(1) I've got it")]);
    expect(bob.output).toMatch(/^Rota in 19:ops@thread\.tacv2;messageid=\w+:\n┌────\n│ Handoff: ops\n│ {3}\(1\) I've got it\n└────\n$/);
    await bob.say('/click 1', 'Rota: Got it.');
    const thread = /Rota in (19:ops@thread\.tacv2;messageid=(\w+)):/.exec(bob.output)!;
    expect(bot.invokes).toHaveLength(1);
    expect(bot.invokes[0]).toMatchObject({
      from: { id: '29:bob@contoso.com' },
      conversation: { id: thread[1], conversationType: 'channel' },
      channelData: { channel: { id: '19:ops@thread.tacv2' } },
      replyToId: thread[2],
      value: { action: { type: 'Action.Execute', verb: 'handoff.ack', data: { key: 'k1' } } },
    });
    await Promise.all([bob.quit(), alice.quit()]);
  });
});
