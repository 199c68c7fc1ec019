import type { TurnContext } from 'botbuilder';

/**
 * A turn's own replies and card updates (context.sendActivity / updateActivity) go straight to the Bot Connector,
 * past the Messenger: this sends them again on what Teams says to retry (412, 429, 502, 504; connectorRetry.ts),
 * with the same policy and injected sleep as proactive posts (`retry`, Messenger.retry). Rota sends one activity
 * at a time, so a retried send never repeats another one.
 */
export function retryTurnSends(context: TurnContext, retry: <T>(work: () => Promise<T>) => Promise<T>): void {
  context.onSendActivities((_context, _activities, next) => retry(next));
  context.onUpdateActivity((_context, _activity, next) => retry(next));
}
