import { z } from 'zod';

/**
 * The shape of an inbound Bot Framework activity that Rota's handlers and botbuilder rely on, checked at the HTTP
 * edge: without it `{}` or a numeric `text` fails deep inside a turn (a 500 naming nothing the sender can act on),
 * and a missing `serviceUrl` makes botbuilder reply to the public Bot Connector. Anything not listed passes through.
 */
const expected = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});
const id = z.string(expected('a string')).min(1, 'must not be empty');
const optionalText = z.string(expected('a string')).optional();
/** A missing account or conversation reads as its missing id: "activity.from.id is required". */
const withId = (fields: z.ZodRawShape = {}) =>
  z.preprocess((v) => v ?? {}, z.object({ id, ...fields }, expected('an object with an id')).loose());
const account = withId({ name: optionalText, aadObjectId: optionalText });
const idsOf = z.object({ id: optionalText }, expected('an object')).loose().optional();

const InboundActivity = z
  .object({
    type: id,
    serviceUrl: z.url(expected('a URL')),
    conversation: withId({ conversationType: optionalText, tenantId: optionalText }),
    from: account,
    recipient: z.object({ id, name: optionalText }, expected('an object with an id')).loose().optional(),
    text: optionalText,
    membersAdded: z.array(account, expected('a list of accounts')).optional(),
    membersRemoved: z.array(account, expected('a list of accounts')).optional(),
    channelData: z.object({ team: idsOf, tenant: idsOf, channel: idsOf }, expected('an object')).loose().optional(),
  })
  .loose();

function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : `${name}.${String(key)}`), 'activity');
}

/** Every problem, each naming the field ("activity.conversation.id is required"), or none. */
export function activityProblems(body: Record<string, unknown>): string[] {
  const parsed = InboundActivity.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${fieldName(issue.path)} ${issue.message}`);
}
