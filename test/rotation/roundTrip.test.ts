import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRotationFile, stringifyRotationFile, validateRotationFile } from '../../rotation/file.js';
import { rotationFile } from './fileArbitrary.js';

describe('stringifyRotationFile', () => {
  it('writes YAML that parses back to the same file', () => {
    fc.assert(
      fc.property(rotationFile, (file) => {
        const valid = validateRotationFile(file);
        expect(valid.ok ? [] : valid.error).toEqual([]);
        const back = parseRotationFile(stringifyRotationFile(file));
        expect(back.ok ? back.value : back.error).toEqual(valid.ok ? valid.value : undefined);
      }),
      { numRuns: 150 },
    );
  });
});
