import fs from 'node:fs/promises';
import { formatFieldError, parseRotationFile, type RotationFile } from '../rotation/file.js';

/** A rotation file that cannot be used, with every problem named by its field. */
export class RotaFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'RotaFileError';
  }
}

export async function loadRotationFile(file: string): Promise<RotationFile> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RotaFileError(file, [code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(err)})`]);
  }
  const result = parseRotationFile(text);
  if (!result.ok) throw new RotaFileError(file, result.errors.map(formatFieldError));
  return result.value;
}
