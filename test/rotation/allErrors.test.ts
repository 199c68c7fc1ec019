import { describe, expect, it } from 'vitest';
import { formatFieldError, parseRotationFile } from '../../rotation/file.js';

describe('a rotation with several problems', () => {
  it('reports its roster problems too, not only the first schema error', () => {
    const result = parseRotationFile(
      [
        'rotations:',
        '  - id: Ops2',
        '    start: 2026-01-05',
        '    every: 1w',
        '    handoff: "Monday noon"',
        '    members: [a@x.com, A@x.com]',
        '    onDuty: 5',
      ].join('\n'),
    );
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.error.map(formatFieldError);
    expect(messages).toEqual(
      expect.arrayContaining([
        'rotations[0].id: expected lowercase letters, digits and dashes (^[a-z0-9][a-z0-9-]*$)',
        'rotations[0].handoff: expected "Mon 12:00" or "09:00"',
        'rotations[0].members[1]: "a@x.com" is listed twice (also members[0])',
        'rotations[0].onDuty: 5 on duty but only 1 member(s) in the roster',
      ]),
    );
  });
});
