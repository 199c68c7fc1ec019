import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildPackage,
  DEFAULT_OUT_FILE,
  fillManifest,
  loadManifestSchema,
  MANIFEST_DIR,
  manifestProblems,
  PACKAGE_FILES,
  PackageError,
  packageValuesFromEnv,
  type PackageValues,
  type TeamsManifest,
} from '../../app/cli/packageApp.js';
import { COMMANDS, type CommandInfo, manifestCommands } from '../../bot/commands.js';
import { helpText } from '../../bot/RotaBot.js';

const APP_ID = '6f1c2b9e-3d4a-4e5f-9a8b-7c6d5e4f3a2b';
const ENV = {
  MicrosoftAppId: APP_ID,
  ROTA_PUBLIC_HOST: 'rota.contoso.example',
  ROTA_PROJECT_URL: 'https://intranet.contoso.example/rota',
};
const values: PackageValues = packageValuesFromEnv(ENV, '1.2.3');

async function template(): Promise<string> {
  return fs.readFile(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
}

async function filled(): Promise<TeamsManifest> {
  return fillManifest(await template(), values);
}

function png(file: string): Promise<PNG> {
  return fs.readFile(path.join(MANIFEST_DIR, file)).then((bytes) => PNG.sync.read(bytes));
}

describe('the filled manifest', () => {
  it('is valid against Microsoft\'s schema for its manifestVersion, read offline from @microsoft/app-manifest', async () => {
    const manifest = await filled();
    expect(manifestProblems(manifest, await loadManifestSchema(manifest.manifestVersion))).toEqual([]);
  });

  it('fails that validation when a field breaks the schema, so the check above can fail', async () => {
    const manifest = { ...(await filled()), accentColor: 'indigo', unexpected: true };
    const problems = manifestProblems(manifest, await loadManifestSchema(manifest.manifestVersion));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^\/accentColor: must match pattern/)]));
    expect(problems.some((p) => p.includes('(unexpected)'))).toBe(true);
  });

  it('names the published schema URL of its own manifestVersion', async () => {
    const manifest = await filled();
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it('uses a schema that Ajv 8 reads the same as draft-04: no boolean exclusive bounds, no `id` keyword', async () => {
    const schema = await loadManifestSchema((await filled()).manifestVersion);
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    const offending: string[] = [];
    const walk = (node: unknown, at: string, inProperties: boolean): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${at}/${i}`, false));
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (!inProperties && (key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') offending.push(`${at}/${key}`);
        if (!inProperties && key === 'id' && typeof value === 'string') offending.push(`${at}/id`);
        walk(value, `${at}/${key}`, !inProperties && (key === 'properties' || key === 'definitions'));
      }
    };
    walk(schema, '', false);
    expect(offending).toEqual([]);
  });

  it('fills every placeholder from the values', async () => {
    const manifest = await filled();
    const text = JSON.stringify(manifest);
    expect(text).not.toMatch(/\{\{/);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.validDomains).toEqual(['rota.contoso.example']);
    expect(manifest.developer).toEqual({
      name: 'Rota',
      websiteUrl: 'https://intranet.contoso.example/rota',
      privacyUrl: 'https://intranet.contoso.example/rota',
      termsOfUseUrl: 'https://intranet.contoso.example/rota',
    });
  });

  it('declares one bot in the personal, team and groupChat scopes, without files, asking only identity and messageTeamMembers, with webApplicationInfo for proactive installation', async () => {
    const manifest = await filled();
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0]).toMatchObject({ botId: APP_ID, scopes: ['personal', 'team', 'groupChat'], supportsFiles: false });
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
    // "Send proactive installation messages": TeamsAppInstallation.ReadWriteSelfForUser.All needs webApplicationInfo
    // with the Entra app id and a resource URL, so the sync can install Rota for someone who never opened it.
    expect(manifest.webApplicationInfo).toEqual({ id: APP_ID, resource: `api://rota.contoso.example/botid-${APP_ID}` });
    expect(manifest).not.toHaveProperty('authorization');
  });

  it('keeps the descriptions within Teams\' limits and saying what Rota does', async () => {
    const { description } = (await filled()) as unknown as { description: { short: string; full: string } };
    expect(description.short.length).toBeLessThanOrEqual(80);
    expect(description.full.length).toBeLessThanOrEqual(4000);
    expect(description.full).toMatch(/on-call/);
    expect(description.full).toMatch(/who is on duty/);
  });
});

describe('the command lists', () => {
  const helpLines = (): { usage: string; description: string }[] =>
    helpText()
      .split('\n')
      .flatMap((line) => {
        const m = /^- \*\*(.+?)\*\* — (.+)$/.exec(line);
        return m ? [{ usage: m[1]!, description: m[2]! }] : [];
      });

  it('give each scope exactly manifestCommands(scope), each in the bot\'s help with the same description', async () => {
    const help = helpLines();
    expect(help.length).toBeGreaterThan(0);
    const lists = (await filled()).bots[0]!.commandLists;
    expect(lists.map((l) => l.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    for (const list of lists) {
      const scope = list.scopes[0]!;
      expect(list.commands).toEqual(manifestCommands(scope).map((c) => ({ title: c.name, description: c.description })));
      for (const c of list.commands) {
        const line = help.find((h) => h.usage === c.title || h.usage.startsWith(`${c.title} `));
        expect(line, `${c.title} in the help text`).toBeDefined();
        expect(line!.description).toBe(c.description);
      }
    }
  });

  it('keep every ready command in the help text (menus or not), titles ≤ 32 and descriptions ≤ 128 characters', async () => {
    const help = helpLines();
    const ready = COMMANDS.filter((c) => c.ready);
    expect(help).toEqual(ready.map((c) => ({ usage: c.usage, description: c.description })));
    expect(ready.some((c) => c.name === 'setup' && c.menuScopes?.length === 0)).toBe(true);
    for (const list of (await filled()).bots[0]!.commandLists) {
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
      }
    }
  });

  it('narrow a scope by menuScopes and refuse more than ten commands in one scope', () => {
    const many: CommandInfo[] = Array.from({ length: 11 }, (_, i) => ({
      name: `c${i}`,
      usage: `c${i}`,
      description: `command ${i}`,
      ready: true,
      ...(i === 10 ? { menuScopes: ['team'] as const } : {}),
    }));
    expect(manifestCommands('personal', many)).toHaveLength(10);
    expect(() => manifestCommands('team', many)).toThrow(/11 commands for the team command menu, Teams allows 10/);
    expect(manifestCommands('team', [{ name: 'x', usage: 'x', description: 'd', ready: false }])).toEqual([]);
  });
});

describe('the icons', () => {
  it('colour icon is a 192×192 PNG', async () => {
    const image = await png('color.png');
    expect([image.width, image.height]).toEqual([192, 192]);
  });

  it('outline icon is a 32×32 PNG, white on transparent with something drawn', async () => {
    const image = await png('outline.png');
    expect([image.width, image.height]).toEqual([32, 32]);
    let drawn = 0;
    const offColour: number[] = [];
    for (let i = 0; i < image.data.length; i += 4) {
      const [r, g, b, a] = [image.data[i], image.data[i + 1], image.data[i + 2], image.data[i + 3]];
      if (a === 0) continue;
      drawn += 1;
      if (r !== 255 || g !== 255 || b !== 255) offColour.push(i / 4);
    }
    expect(offColour).toEqual([]);
    expect(drawn).toBeGreaterThan(100);
    expect(drawn).toBeLessThan(32 * 32);
  });
});

describe('packageValuesFromEnv', () => {
  it.each([
    ['MicrosoftAppId', { ...ENV, MicrosoftAppId: undefined }, /MicrosoftAppId: not set/],
    ['MicrosoftAppId', { ...ENV, MicrosoftAppId: 'rota-bot' }, /MicrosoftAppId: expected a GUID/],
    ['ROTA_PUBLIC_HOST', { ...ENV, ROTA_PUBLIC_HOST: '' }, /ROTA_PUBLIC_HOST: not set/],
    ['ROTA_PUBLIC_HOST', { ...ENV, ROTA_PUBLIC_HOST: 'https://rota.contoso.example' }, /ROTA_PUBLIC_HOST: expected a host name/],
    ['ROTA_PUBLIC_HOST', { ...ENV, ROTA_PUBLIC_HOST: 'rota.contoso.example:8443' }, /ROTA_PUBLIC_HOST: expected a host name/],
    ['ROTA_PROJECT_URL', { ...ENV, ROTA_PROJECT_URL: undefined }, /ROTA_PROJECT_URL: not set/],
    ['ROTA_PROJECT_URL', { ...ENV, ROTA_PROJECT_URL: 'http://intranet.contoso.example' }, /ROTA_PROJECT_URL: expected an https:\/\/ URL/],
    ['ROTA_PRIVACY_URL', { ...ENV, ROTA_PRIVACY_URL: 'privacy' }, /ROTA_PRIVACY_URL: expected an https:\/\/ URL/],
    ['ROTA_DEVELOPER_NAME', { ...ENV, ROTA_DEVELOPER_NAME: 'x'.repeat(33) }, /ROTA_DEVELOPER_NAME: at most 32/],
  ])('names %s when it is wrong', (_name, env, message) => {
    expect(() => packageValuesFromEnv(env, '0.1.0')).toThrow(message);
  });

  it('names every problem at once', () => {
    expect(() => packageValuesFromEnv({}, '0.1')).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringMatching(/^MicrosoftAppId/),
          expect.stringMatching(/^ROTA_PUBLIC_HOST/),
          expect.stringMatching(/^ROTA_PROJECT_URL/),
          expect.stringMatching(/^version in package.json/),
        ],
      }),
    );
  });

  it('takes separate privacy and terms pages and a developer name when given', () => {
    const v = packageValuesFromEnv(
      { ...ENV, ROTA_PRIVACY_URL: 'https://contoso.example/privacy', ROTA_TERMS_URL: 'https://contoso.example/terms', ROTA_DEVELOPER_NAME: 'Contoso IT' },
      '0.1.0',
    );
    expect(v).toMatchObject({ ROTA_PRIVACY_URL: 'https://contoso.example/privacy', ROTA_TERMS_URL: 'https://contoso.example/terms', ROTA_DEVELOPER_NAME: 'Contoso IT' });
  });
});

describe('buildPackage', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rota-package-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes a zip with manifest.json, color.png and outline.png at its root, filled and valid', async () => {
    const outFile = await buildPackage({ values, outFile: path.join(dir, 'build', 'rota-teams-app.zip') });
    const zip = await JSZip.loadAsync(await fs.readFile(outFile));
    expect(Object.keys(zip.files).sort()).toEqual([...PACKAGE_FILES].sort());
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as TeamsManifest;
    expect(manifest).toMatchObject({ id: APP_ID, version: '1.2.3', validDomains: ['rota.contoso.example'] });
    expect(manifest.bots[0]).toMatchObject({ botId: APP_ID });
    expect(manifestProblems(manifest, await loadManifestSchema(manifest.manifestVersion))).toEqual([]);
    for (const icon of ['color.png', 'outline.png']) {
      expect(Buffer.compare(await zip.file(icon)!.async('nodebuffer'), await fs.readFile(path.join(MANIFEST_DIR, icon)))).toBe(0);
    }
    expect(await fs.readdir(path.join(dir, 'build'))).toEqual(['rota-teams-app.zip']);
  });

  it('writes nothing when the filled manifest is not valid', async () => {
    const manifestDir = path.join(dir, 'manifest');
    await fs.mkdir(manifestDir);
    for (const icon of ['color.png', 'outline.png']) await fs.copyFile(path.join(MANIFEST_DIR, icon), path.join(manifestDir, icon));
    await fs.writeFile(path.join(manifestDir, 'manifest.json'), (await template()).replace('"#3B4CCA"', '"indigo"'));
    const outFile = path.join(dir, 'build', 'rota-teams-app.zip');
    await expect(buildPackage({ values, manifestDir, outFile })).rejects.toThrow(/accentColor/);
    await expect(fs.stat(path.join(dir, 'build'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a placeholder it does not know', async () => {
    const text = (await template()).replace('"Rota"', '"{{ROTA_NAME}}"');
    expect(() => fillManifest(text, values)).toThrow(/unknown placeholder \{\{ROTA_NAME\}\}/);
    expect(() => fillManifest(text, values)).toThrow(PackageError);
  });
});

describe('npm run package (app/cli/packageApp.ts as a process)', () => {
  it('exits non-zero naming the missing variable, and writes no zip', async () => {
    const before = await fs.stat(DEFAULT_OUT_FILE).then((s) => s.mtimeMs, () => undefined);
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ROTA_PUBLIC_HOST: ENV.ROTA_PUBLIC_HOST, ROTA_PROJECT_URL: ENV.ROTA_PROJECT_URL };
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const root = path.resolve(MANIFEST_DIR, '..');
      execFile(process.execPath, ['--import', 'tsx', path.join(root, 'app/cli/packageApp.ts')], { cwd: root, env }, (err, _stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/MicrosoftAppId: not set/);
    expect(result.stderr).not.toMatch(/ROTA_PUBLIC_HOST|ROTA_PROJECT_URL/);
    expect(await fs.stat(DEFAULT_OUT_FILE).then((s) => s.mtimeMs, () => undefined)).toBe(before);
  });
});
