import { describe, expect, it } from 'vitest';
import { dutiesFromLines, dutiesToLines } from '../../app/usecases/setupDuties.js';

describe('the setup form\'s duty lines', () => {
  it.each<[string, Array<Record<string, string>>]>([
    ['09:15 Check the backups', [{ at: '09:15', task: 'Check the backups' }]],
    ['Mon-Fri 09:15 Check the backups | https://runbooks.contoso.com/backups', [{ at: 'Mon-Fri 09:15', task: 'Check the backups', link: 'https://runbooks.contoso.com/backups' }]],
    ['Sat 08:00 Release day: watch it | channel', [{ at: 'Sat 08:00', task: 'Release day: watch it', post: 'channel' }]],
    ['Thu 18:00  Push  the RC | https://x.contoso.com/rc | personal', [{ at: 'Thu 18:00', task: 'Push the RC', link: 'https://x.contoso.com/rc', post: 'personal' }]],
    // Not duties, but each still a duty so the file's rules name what is wrong: the time, the task.
    ['Mon-Fri 9:15 Check', [{ at: 'Mon-Fri 9:15', task: 'Check' }]],
    ['Check the backups', [{ at: 'Check', task: 'the backups' }]],
    ['Thu 18:00', [{ at: 'Thu 18:00', task: '' }]],
    ['a|b 09:00 x', [{ at: 'a|b 09:00', task: 'x' }]],
  ])('%j', (text, duties) => {
    expect(dutiesFromLines(text).duties).toEqual(duties);
  });

  it('counts blank lines in the line numbers and skips them', () => {
    expect(dutiesFromLines('\n09:15 A\r\n  \n10:00 B\n')).toEqual({ duties: [{ at: '09:15', task: 'A' }, { at: '10:00', task: 'B' }], lines: [2, 4] });
  });

  it('writes duties back as lines that read back the same', () => {
    const duties = [
      { at: 'Mon-Fri 09:15', task: 'Check the backups', link: 'https://runbooks.contoso.com/backups' },
      { at: 'Sat 08:00', task: 'Release day', post: 'channel' as const },
      { at: '10:00', task: 'Read the alerts', post: 'personal' as const },
    ];
    const text = dutiesToLines(duties);
    expect(text).toBe('Mon-Fri 09:15 Check the backups | https://runbooks.contoso.com/backups\nSat 08:00 Release day | channel\n10:00 Read the alerts | personal');
    expect(dutiesFromLines(text).duties).toEqual(duties);
    expect(dutiesToLines(undefined)).toBe('');
  });
});
