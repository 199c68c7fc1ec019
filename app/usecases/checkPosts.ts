import { z } from 'zod';
import { MS_PER_HOUR as HOUR } from '../../rotation/index.js';
import { PersonRefSchema, type PersonRef } from './context.js';
import type { PostedCopy } from './conversations.js';
import type { DutyLine } from './dutyRecord.js';
import type { ItemView } from './itemViews.js';

/*
 * The morning and evening checks (issue #12): what their cards show, what their posts record, and the port the bot
 * implements to send them (botbuilder stays in bot/).
 */

export const MORNING_CHECK = 'morning-check';
export const EVENING_CHECK = 'evening-check';
/** The evening check's status, posted to the channel on submit: `<check key>:status`. */
export const EVENING_STATUS = 'evening-check-status';
/** The open items posted to the channel when nobody answered within the hour: `<check key>:unanswered`. */
export const EVENING_UNANSWERED = 'evening-check-unanswered';

/** An evening check nobody answered this long after it was sent: the open items go to the channel as they stand. */
export const UNANSWERED_AFTER_MS = HOUR;

export const statusKey = (checkKey: string) => `${checkKey}:status`;
export const unansweredKey = (checkKey: string) => `${checkKey}:unanswered`;

const Person = PersonRefSchema;
const Where = z.object({ conversationId: z.string(), activityId: z.string() });
const Rotation = z.object({ id: z.string(), name: z.string(), timezone: z.string() });
const Channel = z.object({ team: z.string(), id: z.string() });

/** A check's post detail: one post per check and day, whoever it went to; read back with this schema. */
export const CheckDetail = z.object({
  kind: z.enum(['morning', 'evening']),
  rotation: Rotation,
  date: z.string(),
  at: z.number(),
  /** Sent after its time: Rota was not running at it. */
  late: z.boolean(),
  channel: Channel.optional(),
  /** The evening form's status as first filled in: the open items then, one a line. */
  prefill: z.string().optional(),
  /** The person (or people) on duty at the check's time, or next on duty in an `hours` gap. */
  recipients: z.array(Person),
  /** Where each recipient's card went, by e-mail (for updating the evening form in place). */
  cards: z.record(z.string(), Where).default({}),
  /** Recipients Rota could not reach, and why. */
  unreached: z.record(z.string(), z.string()).default({}),
});
export type CheckDetail = z.infer<typeof CheckDetail>;

export type CheckRotation = CheckDetail['rotation'];

/** What the morning check tells the person on duty. */
export interface MorningCheckView {
  rotation: CheckRotation;
  date: string;
  at: number;
  late: boolean;
  openItems: ItemView[];
  /** Today's duties (the check's local day), with their state when the check is sent. */
  duties: DutyLine[];
  /** The shift before the current one: who had it and what they wrote; undefined when there was none. */
  handover?: { by: PersonRef[]; notes?: string; openItems: string[] };
  /** The previous morning check's time, or 24 h before this one. */
  since: number;
  opened: ItemView[];
  escalations: ItemView[];
  missed: DutyLine[];
}

/** The evening check's form, as it reads now: waiting, answered (and where it went), or not answered within the hour. */
export interface EveningFormView {
  key: string;
  rotation: CheckRotation;
  date: string;
  at: number;
  late: boolean;
  /** The open items as the form's status is pre-filled: "#12 text (holder)", one a line. */
  prefill: string;
  state: 'open' | 'answered' | 'unanswered';
  answeredBy?: PersonRef;
  answeredAt?: number;
  /** Answered after Rota had posted the open items as not answered. */
  answeredLate?: boolean;
  /** When Rota posted the open items as not answered. */
  unansweredAt?: number;
  /** What was answered. */
  status?: string;
  /** The channel post (the status, or the open items), for a link to it. */
  posted?: { channelId: string; activityId?: string };
  /** The status could not be posted, and why. */
  notPosted?: string;
}

/** What goes to the rotation's channel: a person's status, or the open items ("#12 text (holder)") of a check nobody answered. */
export const ChannelCheckPost = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), rotation: Rotation, at: z.number(), by: Person, status: z.string(), late: z.boolean() }),
  z.object({
    kind: z.literal('unanswered'),
    rotation: Rotation,
    at: z.number(),
    /** Those the form reached, who did not answer. */
    askedOf: z.array(Person),
    openItems: z.array(z.string()),
    /** Those on duty the form never reached, and why. */
    unreached: z.array(z.object({ person: Person, reason: z.string() })).default([]),
    /** Why the form reached nobody when nobody was on duty to send it to. */
    noOne: z.string().optional(),
  }),
]);
export type ChannelCheckPost = z.infer<typeof ChannelCheckPost>;

/** The detail of a status or unanswered post: what to post, and where, so a Rota that stopped mid-way posts it again. */
export const ChannelPostDetail = z.object({ checkKey: z.string(), channel: Channel, post: ChannelCheckPost });
export type ChannelPostDetail = z.infer<typeof ChannelPostDetail>;

export interface Delivered {
  conversationId: string;
  activityId?: string;
}

/** Where the checks go; the bot implements it. */
export interface CheckPoster {
  /** In the person's personal chat; undefined when Rota has no way to reach them (PersonUnreachable when Teams refuses). */
  sendMorningCheck(person: PersonRef, view: MorningCheckView): Promise<Delivered | undefined>;
  sendEveningForm(person: PersonRef, view: EveningFormView): Promise<Delivered | undefined>;
  /** A new thread in the channel; undefined when Rota has no stored conversation for it. */
  postToChannel(channel: { team: string; id: string }, post: ChannelCheckPost): Promise<Delivered | undefined>;
  /** The evening form's copies, updated in place to read as `view`; a failed update is logged. */
  updateForms(copies: PostedCopy[], view: EveningFormView): Promise<void>;
}

/** "#12 text (holder)": an item as the checks show it (the morning card, the evening form, the unanswered post). */
export const itemLine = (i: ItemView): string => `#${i.n} ${i.text} (${i.holder.displayName ?? i.holder.email})`;

/** The evening form's pre-filled status and the unanswered post's list: itemLine, one a line. */
export function itemLines(items: ItemView[]): string {
  return items.map(itemLine).join('\n');
}
