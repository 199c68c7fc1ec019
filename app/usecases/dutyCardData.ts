import { z } from 'zod';

/** What the duties job records as a run's `detail`: the occurrence, its rotation, and the channel of a `post: channel` duty. */
export const DutyCardData = z.object({
  occurrence: z.object({
    key: z.string(),
    rotation: z.string(),
    dutyId: z.string(),
    date: z.string(),
    at: z.number(),
    task: z.string(),
    link: z.string().optional(),
    post: z.enum(['personal', 'channel']),
  }),
  rotation: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
  channel: z.object({ team: z.string(), id: z.string() }).optional(),
});
export type DutyCardData = z.infer<typeof DutyCardData>;
