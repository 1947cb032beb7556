import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { parseDocument } from 'yaml';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { PackageError, packageApp, parseEnvFile, placeholders, type AppPackage } from '../../scripts/packageApp';
import { COMMAND_PATTERNS } from '../../bot/commands/patterns';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** The parts of the manifest these tests read. */
interface BotManifest {
  id: string;
  bots: { botId: string; scopes: string[]; supportsFiles?: boolean; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
}

async function withoutNetwork<T>(run: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (url: string | URL | Request) => {
    throw new Error(`no network in tests: ${String(url)}`);
  }) as typeof fetch;
  try {
    return await run();
  } finally {
    globalThis.fetch = realFetch;
  }
}

describe('app package', () => {
  let out: string;
  let built: AppPackage;
  let zip: JSZip;

  before(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'tw-package-'));
    built = await withoutNetwork(() => packageApp({ root: ROOT, env: 'playground', outDir: out }));
    zip = await JSZip.loadAsync(readFileSync(built.zipPath));
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('fills every placeholder of the manifest from env/.env.playground', () => {
    const env = parseEnvFile(read('env/.env.playground'));
    const manifest = JSON.parse(readFileSync(built.manifestPath, 'utf8')) as BotManifest;
    assert.deepEqual(placeholders(readFileSync(built.manifestPath, 'utf8')), []);
    assert.equal(manifest.id, env.TEAMS_APP_ID);
    assert.equal(manifest.bots[0].botId, env.BOT_ID);
    assert.equal(path.basename(built.zipPath), 'appPackage.zip');
  });

  it('the manifest matches its schema, read from the copy bundled with @microsoft/app-manifest', async () => {
    const errors = await withoutNetwork(() => AppManifestUtils.validateAgainstSchema(built.manifest));
    assert.deepEqual(errors, []);
  });

  it('the zip holds exactly manifest.json, color.png and outline.png at its root', async () => {
    assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'manifest.json', 'outline.png']);
    assert.equal(await zip.file('manifest.json')!.async('string'), readFileSync(built.manifestPath, 'utf8'));
  });

  it('the colour icon is 192x192 and opaque, the outline icon 32x32 white on transparent', async () => {
    const color = PNG.sync.read(await zip.file('color.png')!.async('nodebuffer'));
    assert.deepEqual([color.width, color.height], [192, 192]);
    for (let i = 3; i < color.data.length; i += 4) assert.equal(color.data[i], 255, 'colour icon pixel not opaque');

    const outline = PNG.sync.read(await zip.file('outline.png')!.async('nodebuffer'));
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    let visible = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) continue;
      visible++;
      assert.deepEqual([r, g, b], [255, 255, 255], `outline pixel ${i / 4} is not white`);
    }
    assert.ok(visible > 0 && visible < 32 * 32, 'the outline icon is blank or has no transparent background');
  });

  it('the bot works in personal chat, teams and group chats, without files, with a command list for each', () => {
    const [bot] = (JSON.parse(readFileSync(built.manifestPath, 'utf8')) as BotManifest).bots;
    assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
    assert.equal(bot.supportsFiles, false);
    assert.deepEqual(bot.commandLists.flatMap((list) => list.scopes).sort(), ['groupChat', 'personal', 'team']);
  });

  it('every command in every command list is one the bot answers as typed', () => {
    assert.ok(!COMMAND_PATTERNS.some((pattern) => pattern.test('what is the weather')), 'a catch-all pattern would answer anything');
    const manifest = JSON.parse(readFileSync(built.manifestPath, 'utf8')) as BotManifest;
    for (const list of manifest.bots[0].commandLists) {
      for (const { title } of list.commands) {
        assert.ok(COMMAND_PATTERNS.some((pattern) => pattern.test(title)), `"${title}" (${list.scopes.join(', ')}) matches no message route`);
      }
    }
  });

  it('names every variable an environment leaves empty instead of packaging an invalid app', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'tw-package-env-'));
    try {
      const appPackage = path.join(ROOT, 'appPackage');
      cpSync(appPackage, path.join(root, 'appPackage'), { recursive: true, filter: (src) => !path.relative(appPackage, src).startsWith('build') });
      mkdirSync(path.join(root, 'env'));
      writeFileSync(path.join(root, 'env', '.env.fresh'), read('env/.env.playground').replace(/^(TEAMS_APP_ID|BOT_ID)=.*$/gm, '$1='));
      await assert.rejects(
        packageApp({ root, env: 'fresh' }),
        (error: Error) => error instanceof PackageError && /TEAMS_APP_ID, BOT_ID/.test(error.message) && /env\/\.env\.fresh/.test(error.message),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('Agents Toolkit project files', () => {
  const PROJECTS = [
    { yaml: 'm365agents.yml', env: 'dev' },
    { yaml: 'm365agents.local.yml', env: 'local' },
    { yaml: 'm365agents.playground.yml', env: 'playground' },
  ];

  interface Action {
    uses: string;
    with?: { templates?: { path: string; parameters?: string }[] };
    writeToEnvironmentFile?: Record<string, string>;
  }

  function actionsOf(file: string): Action[] {
    const project = parseDocument(read(file)).toJS() as Record<string, Action[] | undefined>;
    return ['provision', 'deploy', 'publish'].flatMap((stage) => project[stage] ?? []);
  }

  it('every YAML file parses, with a version and a list of actions', () => {
    for (const { yaml } of PROJECTS) {
      const document = parseDocument(read(yaml));
      assert.deepEqual(document.errors, [], yaml);
      assert.equal(document.get('version'), 'v1.11', yaml);
      assert.ok(actionsOf(yaml).length > 0 && actionsOf(yaml).every((action) => typeof action.uses === 'string'), yaml);
    }
  });

  // A ${{VAR}} is defined for an environment when env/.env.<env> has it (empty is fine: the Toolkit asks for or
  // generates AZURE_* and RESOURCE_SUFFIX), when an action of that YAML writes it (writeToEnvironmentFile), or
  // when it is an output of a Bicep template that its arm/deploy deploys (the Toolkit writes outputs to the env
  // file). SECRET_ variables live in the git-ignored env/.env.<env>.user, written by an action or by hand, so
  // the committed files cannot show them. The manifest counts for every environment: `npm run package` packages any.
  it('every ${{VAR}} in the YAML, the manifest and the ARM parameters is defined for its environment', () => {
    for (const { yaml, env } of PROJECTS) {
      const actions = actionsOf(yaml);
      const templates = actions.filter((action) => action.uses === 'arm/deploy').flatMap((action) => action.with?.templates ?? []);
      const defined = new Set([
        ...Object.keys(parseEnvFile(read(`env/.env.${env}`))),
        ...actions.flatMap((action) => Object.values(action.writeToEnvironmentFile ?? {})),
        ...templates.flatMap((template) => [...read(template.path).matchAll(/^output\s+(\w+)\s/gm)].map((match) => match[1])),
      ]);
      const used = [
        ...placeholders(read(yaml)),
        ...placeholders(read('appPackage/manifest.json')),
        ...templates.flatMap((template) => (template.parameters ? placeholders(read(template.parameters)) : [])),
      ];
      const missing = [...new Set(used)].filter((name) => !defined.has(name) && !name.startsWith('SECRET_'));
      assert.deepEqual(missing, [], `${yaml} (env/.env.${env})`);
    }
  });

  it('infra/azure.parameters.json gives exactly the parameters of infra/azure.bicep that have no default', () => {
    const params = [...read('infra/azure.bicep').matchAll(/^param\s+(\w+)\s+\w+(\s*=.*)?$/gm)];
    const required = params.filter((match) => !match[2]).map((match) => match[1]);
    const given = Object.keys((JSON.parse(read('infra/azure.parameters.json')) as { parameters: object }).parameters);
    assert.deepEqual([...given].sort(), [...required].sort());
  });
});
