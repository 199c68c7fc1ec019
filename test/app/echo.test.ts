import { describe, expect, it } from 'vitest';
import { echo } from '../../app/usecases/format.js';

describe('echo: a person\'s text quoted back cannot restyle the answer', () => {
  it.each([
    ['nxt tuesday', 'nxt tuesday'],
    ['**bold** _it_', '\\*\\*bold\\*\\* \\_it\\_'],
    ['[click](http://evil.example)', '\\[click\\]\\(http://evil.example\\)'],
    ['<b>x</b> `code` # h | t ~s~', '\\<b\\>x\\</b\\> \\`code\\` \\# h \\| t \\~s\\~'],
    ['two\nlines', 'two lines'],
    ['a'.repeat(70), `${'a'.repeat(59)}…`],
  ])('%j → %j', (input, expected) => expect(echo(input)).toBe(expected));
});
