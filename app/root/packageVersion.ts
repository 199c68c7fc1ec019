import fs from 'node:fs';

let cached: string | undefined;

/** package.json's version (read once): `rota --version` and the Teams app package's version. */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  const pkg: unknown = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
  if (typeof version !== 'string') throw new Error('package.json: expected a "version" string');
  return (cached = version);
}
