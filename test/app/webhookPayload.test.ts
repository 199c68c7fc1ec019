import { describe, expect, it } from 'vitest';
import { parseRotationFile } from '../../rotation/file.js';
import { loadConfig } from '../../app/root/config.js';
import { missingSecrets, webhooksFor, webhookTarget } from '../../app/usecases/webhookPayload.js';

const hook = (over: Record<string, unknown>) => ({ url: 'https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=SECRET', events: ['handoff' as const], ...over });

describe('webhook settings', () => {
  it('a secret variable that is not set is named with its field and receiver (never the query, which holds a signature)', () => {
    const hooks = [hook({ secret: 'env:ROTA_WEBHOOK_FLOW' }), hook({}), hook({ secret: 'env:ROTA_WEBHOOK_JIRA', url: 'https://automation.atlassian.com/pro/hooks/xyz' })];
    expect(missingSecrets(hooks, (n) => (n === 'ROTA_WEBHOOK_JIRA' ? 's3cret' : undefined))).toEqual([
      'webhooks[0].secret: the environment variable ROTA_WEBHOOK_FLOW is not set (expected the HMAC secret for https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke)',
    ]);
    expect(missingSecrets(hooks, () => 'x')).toEqual([]);
    expect(webhookTarget(hooks[0]!.url)).not.toContain('SECRET');
  });

  it('a webhook gets only its events, and only its rotations when it names some', () => {
    const hooks = [hook({ events: ['handoff', 'swap'] }), hook({ events: ['swap'], rotations: ['dev'] })];
    expect(webhooksFor(hooks, 'swap', 'ops')).toEqual([hooks[0]]);
    expect(webhooksFor(hooks, 'swap', 'dev')).toEqual(hooks);
    expect(webhooksFor(hooks, 'duty', 'dev')).toEqual([]);
    expect(webhooksFor(undefined, 'handoff', 'ops')).toEqual([]);
  });

  it('a secret may only name a ROTA_WEBHOOK_ variable: env:MicrosoftAppPassword would sign posts with the bot\'s own password', () => {
    const file = (secret: string) => `rotations:\n  - { id: ops, name: Ops, members: [a@contoso.com], every: 1w, handoff: "Mon 09:00", start: 2026-01-05 }\nwebhooks:\n  - { url: "https://example.com/hook", events: [handoff], secret: "${secret}" }\n`;
    for (const bad of ['env:MicrosoftAppPassword', 'env:DATABASE_URL', 'env:ROTA_WEBHOOK_', 'env:rota_webhook_x']) {
      const r = parseRotationFile(file(bad));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.map((e) => [e.path, e.message])).toEqual([['webhooks[0].secret', 'expected "env:ROTA_WEBHOOK_<NAME>": a webhook secret is read only from an environment variable whose name starts ROTA_WEBHOOK_ (a secret is never written in the file)']]);
    }
    expect(parseRotationFile(file('env:ROTA_WEBHOOK_FLOW')).ok).toBe(true);
    // The running Rota reads no other variable for a webhook, whatever reached the settings before this rule.
    const config = loadConfig({ MicrosoftAppPassword: 'bot-password', ROTA_WEBHOOK_FLOW: 'flow-secret' }, '/tmp');
    expect(config.secretOf?.('MicrosoftAppPassword')).toBeUndefined();
    expect(config.secretOf?.('ROTA_WEBHOOK_FLOW')).toBe('flow-secret');
  });
});
