import { describe, expect, it } from 'vitest';
import { missingSecrets, webhooksFor, webhookTarget } from '../../app/usecases/webhookPayload.js';

const hook = (over: Record<string, unknown>) => ({ url: 'https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=SECRET', events: ['handoff' as const], ...over });

describe('webhook settings', () => {
  it('a secret variable that is not set is named with its field and receiver (never the query, which holds a signature)', () => {
    const hooks = [hook({ secret: 'env:ROTA_FLOW_SECRET' }), hook({}), hook({ secret: 'env:JIRA_SECRET', url: 'https://automation.atlassian.com/pro/hooks/xyz' })];
    expect(missingSecrets(hooks, (n) => (n === 'JIRA_SECRET' ? 's3cret' : undefined))).toEqual([
      'webhooks[0].secret: the environment variable ROTA_FLOW_SECRET is not set (expected the HMAC secret for https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke)',
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
});
