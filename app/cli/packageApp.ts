import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import JSZip from 'jszip';
import { z } from 'zod';
import { COMMAND_SCOPES, manifestCommands } from '../../bot/commands.js';
import { packageVersion } from '../root/packageVersion.js';
import { messageOf } from '../../rotation/messageOf.js';

/**
 * `npm run package`: fills manifest/manifest.json from the environment, validates it against Microsoft's schema for
 * its manifestVersion (shipped in @microsoft/app-manifest, no network) and writes the Teams app package.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MANIFEST_DIR = path.join(ROOT, 'manifest');
export const DEFAULT_OUT_FILE = path.join(ROOT, 'build', 'rota-teams-app.zip');
/** The files of the package, all at the zip's root. */
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams app package:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PackageError';
  }
}

/** The values the template's `{{…}}` placeholders are filled with; the keys are the placeholder names. */
export interface PackageValues {
  MicrosoftAppId: string;
  ROTA_PUBLIC_HOST: string;
  version: string;
  ROTA_PROJECT_URL: string;
  ROTA_PRIVACY_URL: string;
  ROTA_TERMS_URL: string;
  ROTA_DEVELOPER_NAME: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A DNS name with at least one dot: what Teams reaches over https on port 443, so no scheme, port or path.
const HOST_NAME = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const DEVELOPER_NAME_MAX = 32;

function httpsUrlProblem(variable: string, value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return undefined;
  } catch {
    // reported below
  }
  return `${variable}: expected an https:// URL, got "${value}"`;
}

/** Reads and checks every variable at once, so one run names all that is missing or wrong. */
export function packageValuesFromEnv(env: NodeJS.ProcessEnv, version: string): PackageValues {
  const text = (name: string): string => (env[name] ?? '').trim();
  const problems: string[] = [];

  const appId = text('MicrosoftAppId');
  if (!appId) problems.push('MicrosoftAppId: not set; the bot\'s Entra application (client) id, a GUID');
  else if (!GUID.test(appId)) problems.push(`MicrosoftAppId: expected a GUID such as 00000000-0000-0000-0000-000000000000, got "${appId}"`);

  const host = text('ROTA_PUBLIC_HOST');
  if (!host) problems.push('ROTA_PUBLIC_HOST: not set; the public host name Teams reaches Rota at, e.g. rota.contoso.com');
  else if (!HOST_NAME.test(host)) {
    problems.push(`ROTA_PUBLIC_HOST: expected a host name without scheme, port or path, e.g. rota.contoso.com, got "${host}"`);
  }

  const projectUrl = text('ROTA_PROJECT_URL');
  if (!projectUrl) {
    problems.push('ROTA_PROJECT_URL: not set; the https:// page that describes your Rota (support, privacy, terms)');
  } else {
    const problem = httpsUrlProblem('ROTA_PROJECT_URL', projectUrl);
    if (problem) problems.push(problem);
  }
  const privacyUrl = text('ROTA_PRIVACY_URL') || projectUrl;
  const termsUrl = text('ROTA_TERMS_URL') || projectUrl;
  for (const [name, value] of [['ROTA_PRIVACY_URL', privacyUrl], ['ROTA_TERMS_URL', termsUrl]] as const) {
    const problem = text(name) ? httpsUrlProblem(name, value) : undefined;
    if (problem) problems.push(problem);
  }

  const developerName = text('ROTA_DEVELOPER_NAME') || 'Rota';
  if (developerName.length > DEVELOPER_NAME_MAX) {
    problems.push(`ROTA_DEVELOPER_NAME: at most ${DEVELOPER_NAME_MAX} characters, got ${developerName.length}`);
  }
  if (!SEMVER.test(version)) problems.push(`version in package.json: Teams needs MAJOR.MINOR.PATCH, got "${version}"`);

  if (problems.length > 0) throw new PackageError(problems);
  return {
    MicrosoftAppId: appId.toLowerCase(),
    ROTA_PUBLIC_HOST: host.toLowerCase(),
    version,
    ROTA_PROJECT_URL: projectUrl,
    ROTA_PRIVACY_URL: privacyUrl,
    ROTA_TERMS_URL: termsUrl,
    ROTA_DEVELOPER_NAME: developerName,
  };
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Replaces `{{name}}` inside every string of the parsed template, so values never need JSON escaping. */
function fillStrings(node: Json, values: PackageValues, unknown: Set<string>): Json {
  if (typeof node === 'string') {
    return node.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
      if (Object.hasOwn(values, name)) return values[name as keyof PackageValues];
      unknown.add(name);
      return whole;
    });
  }
  if (Array.isArray(node)) return node.map((item) => fillStrings(item, values, unknown));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fillStrings(v, values, unknown)]));
  }
  return node;
}

/** The parts of the manifest Rota fills in; everything else passes through for Microsoft's schema to judge. */
const TeamsManifest = z.looseObject({
  $schema: z.string(),
  manifestVersion: z.string(),
  bots: z.array(
    z.looseObject({
      commandLists: z.array(z.looseObject({ scopes: z.array(z.enum(COMMAND_SCOPES)), commands: z.array(z.object({ title: z.string(), description: z.string() })) })),
    }),
  ),
});
export type TeamsManifest = z.infer<typeof TeamsManifest>;

/** Checks the filled template in place: zod's parsed copy would reorder the keys of the manifest in the package. */
function assertManifest(json: unknown): asserts json is TeamsManifest {
  const parsed = TeamsManifest.safeParse(json);
  if (!parsed.success) throw new PackageError(parsed.error.issues.map((i) => `manifest/manifest.json: ${i.path.join('.') || '/'}: ${i.message}`));
}

/** The template filled: placeholders replaced, each scope's command list built from bot/commands.ts. */
export function fillManifest(template: string, values: PackageValues): TeamsManifest {
  const unknown = new Set<string>();
  const filled: unknown = fillStrings(JSON.parse(template) as Json, values, unknown);
  if (unknown.size > 0) throw new PackageError([...unknown].map((n) => `manifest/manifest.json: unknown placeholder {{${n}}}`));
  assertManifest(filled);
  for (const bot of filled.bots) {
    bot.commandLists = bot.commandLists
      .map((list) => {
        const [scope, ...more] = list.scopes;
        if (!scope || more.length > 0) {
          throw new PackageError([`manifest/manifest.json: each command list must name one scope, got ${JSON.stringify(list.scopes)}`]);
        }
        const commands = manifestCommands(scope).map((c) => ({ title: c.name, description: c.description }));
        return { ...list, commands };
      })
      .filter((list) => list.commands.length > 0);
  }
  return filled;
}

/** The schema file for `manifestVersion`, from the installed @microsoft/app-manifest package. */
export async function loadManifestSchema(manifestVersion: string): Promise<Record<string, unknown>> {
  const packageJson = createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json');
  const file = path.join(path.dirname(packageJson), 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new PackageError([`no schema for manifestVersion ${manifestVersion} at ${file} (${messageOf(err)})`]);
  }
}

// ajv-formats is CommonJS: under NodeNext the default import is its `module.exports`, typed as the namespace. That
// object is the plugin itself, and it carries `default` (the plugin again), so `.default` is right either way.
const addFormats = addFormatsModule.default;

/**
 * Problems of `manifest` against `schema`, as "path: message" lines; empty when valid.
 * Microsoft's schemas declare draft-04. Ajv 8 reads them as its default draft once `$schema` is set aside: they use
 * none of the keywords whose meaning changed after draft-04 (boolean exclusiveMinimum/Maximum, `id`), which the
 * test checks for the schema in use.
 */
export function manifestProblems(manifest: unknown, schema: Record<string, unknown>): string[] {
  const { $schema: _draft, ...body } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(body);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${paramsText(e)}`);
}

function paramsText(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return ` (${String(e.params.additionalProperty)})`;
  if (e.keyword === 'enum') return ` (${JSON.stringify(e.params.allowedValues)})`;
  return '';
}

export interface BuildOptions {
  values: PackageValues;
  manifestDir?: string;
  outFile?: string;
}

/** Fills, validates and zips; writes nothing unless everything is right. Returns the zip's path. */
export async function buildPackage({ values, manifestDir = MANIFEST_DIR, outFile = DEFAULT_OUT_FILE }: BuildOptions): Promise<string> {
  const manifest = fillManifest(await fs.readFile(path.join(manifestDir, 'manifest.json'), 'utf8'), values);
  const expectedSchema = `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`;
  if (manifest.$schema !== expectedSchema) {
    throw new PackageError([`manifest.json: $schema is ${manifest.$schema}, expected ${expectedSchema} for manifestVersion ${manifest.manifestVersion}`]);
  }
  const problems = manifestProblems(manifest, await loadManifestSchema(manifest.manifestVersion));
  if (problems.length > 0) throw new PackageError(problems.map((p) => `manifest.json ${p}`));

  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  for (const icon of ['color.png', 'outline.png'] as const) zip.file(icon, await fs.readFile(path.join(manifestDir, icon)));
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });

  // Written beside the target and renamed, so a failed run never leaves a half-written package.
  await fs.mkdir(path.dirname(outFile), { recursive: true });
  const partial = `${outFile}.${randomUUID()}.partial`;
  try {
    await fs.writeFile(partial, bytes);
    await fs.rename(partial, outFile);
  } finally {
    await fs.rm(partial, { force: true });
  }
  return outFile;
}


async function main(): Promise<void> {
  try {
    const values = packageValuesFromEnv(process.env, packageVersion());
    const outFile = await buildPackage({ values });
    console.log(`Wrote ${path.relative(process.cwd(), outFile)} (manifest.json, color.png, outline.png) for ${values.ROTA_PUBLIC_HOST}`);
  } catch (err) {
    console.error(messageOf(err));
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
