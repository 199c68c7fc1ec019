import type { RotaQueries } from '../bot/RotaBot.js';
import type { RotaService } from './RotaService.js';
import { DateTime } from 'luxon';

function when(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat("ccc d LLL HH:mm ZZZZ");
}

/** Plain-text answers for the bot; cards and mentions arrive with the bot issue. */
export function createBotQueries(service: RotaService): RotaQueries {
  return {
    async who(now, rotationId) {
      const rotations = await service.rotationIds();
      const zones = new Map(rotations.map((r) => [r.id, r.timezone]));
      if (rotationId && !zones.has(rotationId)) {
        return `I know no rotation "${rotationId}". Rotations here: ${rotations.map((r) => r.id).join(', ') || '(none)'}.`;
      }
      const answers = await service.who(now, rotationId);
      if (answers.length === 0) return 'No rotations are set up yet.';
      return answers
        .map((a) => {
          const zone = zones.get(a.rotationId) ?? 'UTC';
          const current = a.now
            ? `${a.now.members.join(', ')} since ${when(a.now.start, zone)} until ${when(a.now.end, zone)}`
            : 'nobody right now';
          const next = a.next ? `; next: ${a.next.members.join(', ')} from ${when(a.next.start, zone)}` : '';
          return `**${a.name}**: ${current}${next}`;
        })
        .join('\n\n');
    },
    async rotations() {
      const rotations = await service.rotationIds();
      if (rotations.length === 0) return 'No rotations are set up yet.';
      return rotations.map((r) => `- **${r.id}** (${r.name}, ${r.timezone}): ${r.members.join(', ')}`).join('\n');
    },
  };
}
