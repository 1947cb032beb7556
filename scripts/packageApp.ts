// `npm run package`: the Teams app package for one environment, as the Agents Toolkit's
// teamsApp/zipAppPackage builds it: every ${{VAR}} in appPackage/manifest.json replaced from
// env/.env.<TEAMSFX_ENV> (and its git-ignored .user file), validated against the manifest schema,
// zipped with the two icons.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';

export class PackageError extends Error {}

export interface PackageOptions {
  /** The project folder (holds appPackage/ and env/). */
  root: string;
  /** The Toolkit environment: env/.env.<env>. */
  env: string;
  /** Where the zip and the filled-in manifest go; default appPackage/build. */
  outDir?: string;
}

export interface AppPackage {
  manifest: TeamsManifest;
  manifestPath: string;
  zipPath: string;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The variable names a text uses as ${{NAME}}, once each, in order. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/** KEY=VALUE lines as dotenv reads them: # comments, optional quotes, inline ` #` comments when unquoted. */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const raw = match[2].trim();
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    vars[match[1]] = quoted ? quoted[2] : raw.replace(/\s+#.*$/, '');
  }
  return vars;
}

/** env/.env.<env>, overlaid by env/.env.<env>.user when present (where the Toolkit keeps SECRET_ values). */
export function readEnvironment(root: string, env: string): Record<string, string> {
  const file = path.join(root, 'env', `.env.${env}`);
  if (!existsSync(file)) throw new PackageError(`env/.env.${env} not found: TEAMSFX_ENV names a file in env/ (dev, local, playground)`);
  const userFile = `${file}.user`;
  const user = existsSync(userFile) ? parseEnvFile(readFileSync(userFile, 'utf8')) : {};
  return { ...parseEnvFile(readFileSync(file, 'utf8')), ...user };
}

/**
 * Replaces every ${{VAR}} of a JSON text whose placeholders all sit inside strings (values are escaped).
 * Names every variable left undefined, or empty where it is a whole value (an empty id, URL or domain
 * makes an invalid app; an empty part of a longer string, such as APP_NAME_SUFFIX, is fine).
 */
export function fillJsonPlaceholders(text: string, vars: Record<string, string>, what: string, env: string): string {
  const wholeValues = new Set([...text.matchAll(/"\$\{\{\s*(\w+)\s*\}\}"/g)].map((match) => match[1]));
  const missing = placeholders(text).filter((name) => vars[name] === undefined || (wholeValues.has(name) && !vars[name]));
  if (missing.length) {
    throw new PackageError(
      `${what} uses ${missing.join(', ')}, which env/.env.${env} (or env/.env.${env}.user) leaves undefined or empty: ` +
        'provision the environment with the Agents Toolkit or set them by hand',
    );
  }
  return text.replace(PLACEHOLDER, (_match, name: string) => JSON.stringify(vars[name]).slice(1, -1));
}

export async function packageApp({ root, env, outDir = path.join(root, 'appPackage', 'build') }: PackageOptions): Promise<AppPackage> {
  const appPackage = path.join(root, 'appPackage');
  const template = readFileSync(path.join(appPackage, 'manifest.json'), 'utf8');
  const json = fillJsonPlaceholders(template, readEnvironment(root, env), 'appPackage/manifest.json', env);
  const manifest = JSON.parse(json) as TeamsManifest;
  // The schema comes from the copy bundled with @microsoft/app-manifest: the $schema URL maps to it.
  const errors = await AppManifestUtils.validateAgainstSchema(manifest);
  if (errors.length) throw new PackageError(`the manifest for ${env} does not match its schema:\n  ${errors.join('\n  ')}`);

  const zip = new JSZip();
  zip.file('manifest.json', json);
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    zip.file(icon, readFileSync(path.join(appPackage, icon)));
  }
  mkdirSync(outDir, { recursive: true });
  const manifestPath = path.join(outDir, `manifest.${env}.json`);
  const zipPath = path.join(outDir, 'appPackage.zip');
  writeFileSync(manifestPath, json);
  writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { manifest, manifestPath, zipPath };
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..');
  // Without TEAMSFX_ENV: the playground environment, the one whose values are committed (no provisioning needed).
  const env = process.env.TEAMSFX_ENV || 'playground';
  packageApp({ root, env }).then(
    (result) => process.stdout.write(`${path.relative(root, result.zipPath)} (${env}), manifest in ${path.relative(root, result.manifestPath)}\n`),
    (error: unknown) => {
      process.stderr.write(`npm run package: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
