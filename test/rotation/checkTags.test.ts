import { describe, expect, it } from 'vitest';
import { formatFieldError, parseRotationFile, stringifyRotationFile } from '../../rotation/file.js';

const TEAM = '11111111-2222-4333-8444-555555555555';
const OTHER = '99999999-2222-4333-8444-555555555555';

/** A file with rotations ops and dev; `opsTag`/`devTag` are their `tag` lines, `top` the top-level `tags:` block. */
function file({ opsTag = '', devTag = '', top = '', shadows = '' }: { opsTag?: string; devTag?: string; top?: string; shadows?: string }): string {
  return `timezone: Europe/Berlin
${top}
rotations:
  - id: ops
    start: 2026-01-05
    every: 1w
    handoff: "Mon 12:00"
    members: [alice@contoso.com, bob@contoso.com]
${opsTag ? `    tag: ${opsTag}\n` : ''}${shadows ? `    shadows: ${shadows}\n` : ''}  - id: dev
    start: 2026-01-05
    every: 1w
    handoff: "Mon 09:00"
    members: [frank@contoso.com]
${devTag ? `    tag: ${devTag}\n` : ''}`;
}
const problems = (text: string) => {
  const r = parseRotationFile(text);
  return { errors: r.ok ? [] : r.error.map(formatFieldError), warnings: r.warnings.map(formatFieldError) };
};

describe('rules between tags (rotation/checkTags.ts)', () => {
  it('a tag list and a top-level tag across two rotations are valid, and export writes the top-level tags back', () => {
    const text = file({
      opsTag: `[{ team: "${TEAM}", name: ops-oncall }, { team: "${TEAM}", name: ops-next, who: next }]`,
      top: `tags:\n  - { team: "${TEAM}", name: all-oncall, rotations: [ops, dev] }`,
    });
    expect(problems(text)).toEqual({ errors: [], warnings: [] });
    const parsed = parseRotationFile(text);
    if (!parsed.ok) throw new Error('invalid');
    const again = parseRotationFile(stringifyRotationFile(parsed.value));
    expect(again.ok && again.value.tags).toEqual([{ team: TEAM, name: 'all-oncall', rotations: ['ops', 'dev'] }]);
  });

  it('a top-level tag names rotations that exist, each once', () => {
    expect(problems(file({ top: `tags:\n  - { team: "${TEAM}", name: all, rotations: [ops, dve, ops] }` })).errors).toEqual([
      'tags[0].rotations[1]: unknown rotation "dve"',
      'tags[0].rotations[2]: "ops" is listed twice (also tags[0].rotations[0])',
    ]);
    expect(problems(file({ top: `tags:\n  - { team: "${TEAM}", name: all, rotations: [ops] }` })).errors).toEqual([
      'tags[0].rotations: expected at least two rotations (a tag for one goes on the rotation)',
    ]);
  });

  it('the same team and tag name twice is an error naming both places: two rotations, a list, a rotation and tags:', () => {
    const also = (first: string, name = 'ops-oncall') => `tag "${name}" of team ${TEAM} is also ${first}; a tag is kept by one place (use a top-level tags entry with rotations for a tag across rotations)`;
    expect(problems(file({ opsTag: `{ team: "${TEAM}", name: ops-oncall }`, devTag: `{ team: "${TEAM}", name: ops-oncall }` })).errors).toEqual([
      `rotations[1].tag.name: ${also('rotations[0].tag')}`,
    ]);
    expect(problems(file({ opsTag: `[{ team: "${TEAM}", name: ops-oncall }, { team: "${TEAM}", name: OPS-Oncall, who: next }]` })).errors).toEqual([
      `rotations[0].tag[1].name: ${also('rotations[0].tag[0]', 'OPS-Oncall')}`,
    ]);
    expect(problems(file({ opsTag: `{ team: "${TEAM}", name: ops-oncall }`, top: `tags:\n  - { team: "${TEAM}", name: ops-oncall, rotations: [ops, dev] }` })).errors).toEqual([
      `tags[0].name: ${also('rotations[0].tag')}`,
    ]);
  });

  it('the same name in another team is another tag', () => {
    expect(problems(file({ opsTag: `{ team: "${TEAM}", name: oncall }`, devTag: `{ team: "${OTHER}", name: oncall }` })).errors).toEqual([]);
  });

  it('shadows: true where there are no shadows is a warning, not an error', () => {
    expect(problems(file({ opsTag: `{ team: "${TEAM}", name: ops-oncall, shadows: true }` }))).toEqual({
      errors: [],
      warnings: ['rotations[0].tag.shadows: rotation "ops" has no shadows, so this adds nobody'],
    });
    expect(problems(file({ opsTag: `{ team: "${TEAM}", name: ops-oncall, shadows: true }`, shadows: '[erin@contoso.com]' })).warnings).toEqual([]);
    expect(problems(file({ top: `tags:\n  - { team: "${TEAM}", name: all, rotations: [ops, dev], shadows: true }` })).warnings).toEqual([
      'tags[0].shadows: none of "ops", "dev" has shadows, so this adds nobody',
    ]);
  });
});
