import { describe, expect, it } from 'vitest';
import { plainProblem } from '../../app/usecases/setupProblems.js';

describe('setup problems in the form\'s words', () => {
  it('a bad roll-out choice names the form\'s field, not `effective`', () => {
    const e = { path: 'rotations[0].effective', message: 'expected "now", "next-handoff" or "next-cycle"' };
    expect(plainProblem(e, 0, [])).toBe('A change of members takes effect: expected "now", "next-handoff" or "next-cycle"');
  });
});
