import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';

/**
 * The `adaptivecards` library's own parser, run under jsdom (its lib/ ESM entry is broken; the dist bundle works
 * once window/document/HTMLElement exist). Returns every parse and validation problem; [] means Teams-renderable.
 */
type AC = {
  AdaptiveCard: new () => {
    parse(json: unknown, ctx: unknown): void;
    version: { major: number; minor: number; toString(): string };
    validateProperties(): { validationEvents: Array<{ message: string }> };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

let ac: AC | undefined;
function library(): AC {
  if (ac) return ac;
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  const g = globalThis as Record<string, unknown>;
  g.window ??= dom.window;
  g.document ??= dom.window.document;
  g.HTMLElement ??= dom.window.HTMLElement;
  ac = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AC;
  return ac;
}

export function cardProblems(json: unknown): string[] {
  const { AdaptiveCard, SerializationContext } = library();
  const card = new AdaptiveCard();
  const ctx = new SerializationContext();
  card.parse(json, ctx);
  const problems = Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
  problems.push(...card.validateProperties().validationEvents.map((e) => e.message));
  // Teams' people picker is an Input.ChoiceSet filled by `choices.data` (Data.Query), and its documented example has
  // `"choices": []` ("People Picker in Adaptive Cards"); the generic library, which knows no Data.Query, objects.
  const peoplePicker = /"choices\.data":\{"type":"Data\.Query"/.test(JSON.stringify(json));
  if (peoplePicker) return withVersion(json, problems.filter((m) => m !== 'An Input.ChoiceSet must have at least one choice defined.'));
  return withVersion(json, problems);
}

function withVersion(json: unknown, problems: string[]): string[] {
  const version = String((json as { version?: unknown }).version ?? '');
  const [major, minor] = version.split('.').map(Number);
  if (!(major === 1 && minor !== undefined && minor <= 5)) problems.push(`version ${version}: Teams renders at most 1.5`);
  return problems;
}

/** Every Adaptive Card attachment in an activity (or an invoke response body). */
export function cardsIn(activity: Record<string, unknown>): unknown[] {
  const attachments = (activity.attachments ?? []) as Array<{ contentType?: string; content?: unknown }>;
  return attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
}
