import fs from 'node:fs/promises';
import { formatFieldError, parseRotationFile, type RotationFile } from '../../rotation/file.js';

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

/** A valid rotation file and its warnings, each as `field: message`. */
export interface LoadedRotationFile {
  file: RotationFile;
  warnings: string[];
}

const READ_PROBLEMS: Record<string, string> = {
  ENOENT: 'file not found',
  EISDIR: 'is a folder, not a rotation file',
  EACCES: 'cannot read the file (permission denied)',
  EPERM: 'cannot read the file (permission denied)',
};

export async function readRotationFile(file: string): Promise<LoadedRotationFile> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RotaFileError(file, [READ_PROBLEMS[code ?? ''] ?? `cannot read the file (${code ?? String(err)})`]);
  }
  if (text.includes('\u0000')) throw new RotaFileError(file, ['not a text file: a rotation file is YAML (see rota.example.yaml)']);
  const result = parseRotationFile(text);
  if (!result.ok) throw new RotaFileError(file, result.error.map(formatFieldError));
  return { file: result.value, warnings: result.warnings.map(formatFieldError) };
}

export async function loadRotationFile(file: string): Promise<RotationFile> {
  return (await readRotationFile(file)).file;
}

/** `WARNING rota.yaml: overrides[0].member: …`, one line each, for validate and apply. */
export function formatWarnings(file: string, warnings: string[]): string {
  return warnings.map((w) => `WARNING ${file}: ${w}\n`).join('');
}
