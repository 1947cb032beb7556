// Demo mode as an admin sees it: `npm start`'s program (simulated tenant, bot, Agents Playground) driven
// in Debian's headless Chromium. Screenshots go to test/artifacts/.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { ExchangeAdmin } from '../../services/exchange/exchangeAdmin';
import { createCredential } from '../../services/graph/credential';
import { DEFAULT_SCENARIO, readDemoTenant } from '../../bot/demoTenant';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..', '..');
const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');
const ATTACKER_APP_ID = 'ed79bf56-cf65-46ce-b4f3-55353fc3585a';
const DEMO_SECRET = 'tenant-warden-sim-secret';
const WATCH_INTERVAL_S = 5;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Starts `node dist/bot/demo.js` and resolves with the simulated tenant's URL once it printed its banner. */
function startDemo(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; simUrl: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'bot', 'demo.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  return new Promise((resolve, reject) => {
    let simUrl = '';
    child.once('exit', (code) => reject(new Error(`demo mode exited with ${code}: ${output.join('').slice(-2000)}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      simUrl = /Simulated tenant: (\S+)/.exec(line)?.[1] ?? simUrl;
      if (/Ctrl-C stops everything/.test(line)) resolve({ child, simUrl });
    });
  });
}

async function say(page: Page, text: string): Promise<void> {
  const box = page.locator('[role="textbox"][contenteditable="true"]').first();
  await box.click();
  await box.pressSequentially(text);
  await box.press('Enter');
}

/** A screenshot of the whole card: the window is made tall enough that the chat shows all of it. */
async function snapshot(page: Page, card: Locator, name: string): Promise<void> {
  const box = await card.boundingBox();
  await page.setViewportSize({ width: 1400, height: Math.min(12_000, Math.ceil((box?.height ?? 800) + 500)) });
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: path.join(ARTIFACTS, name) });
  await page.setViewportSize({ width: 1400, height: 1000 });
}

async function cardWith(page: Page, ...texts: string[]): Promise<Locator> {
  let card = page.locator('.ac-adaptiveCard');
  for (const text of texts) card = card.filter({ hasText: text });
  await card.last().waitFor({ timeout: 90_000 });
  return card.last();
}

describe('demo mode in the Agents Playground, in headless Chromium', function () {
  this.timeout(300_000);
  let demo: ChildProcess | undefined;
  let browser: Browser | undefined;
  let workDir: string;
  let page: Page;
  let simUrl: string;
  const cardErrors: string[] = [];

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (apt-get install -y chromium)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    workDir = mkdtempSync(path.join(os.tmpdir(), 'tw-demo-'));
    const [port, simPort, playgroundPort, approverPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const started = await startDemo({
      ...process.env,
      PORT: String(port),
      SIM_PORT: String(simPort),
      PLAYGROUND_PORT: String(playgroundPort),
      APPROVER_PLAYGROUND_PORT: String(approverPort),
      PLAYGROUND_DIR: workDir,
      DATA_DIR: path.join(workDir, 'data'),
      WATCH_INTERVAL: `${WATCH_INTERVAL_S}s`,
    });
    demo = started.child;
    simUrl = started.simUrl;
    await waitForHttp(`http://127.0.0.1:${playgroundPort}/`, 60_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // Fonts the page cannot fetch offline are harmless; anything about cards is not.
    page.on('console', (message) => {
      if (message.type() === 'error' && /adaptive|card/i.test(message.text())) cardErrors.push(message.text());
    });
    page.on('pageerror', (error) => cardErrors.push(`page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${playgroundPort}/`);
    await page.locator('[role="textbox"][contenteditable="true"]').first().waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null) {
      const exited = new Promise((resolve) => demo!.once('exit', resolve));
      demo.kill('SIGTERM');
      await exited;
    }
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await page.screenshot({ path: path.join(ARTIFACTS, `failed-${Date.now()}.png`), fullPage: true });
  });

  it('"list risky apps" shows the attacker\'s app first with its reasons, as literal text rather than a link', async () => {
    await say(page, 'list risky apps');
    const card = await cardWith(page, 'Risky apps');
    const text = await card.innerText();
    const attacker = 'Mail Sync [Open](https://mail-sync.example)';
    assert.ok(text.includes(attacker), `the name shows literally: ${text.slice(0, 400)}`);
    const firstCritical = text.indexOf('CRITICAL');
    assert.ok(firstCritical >= 0 && text.indexOf(attacker) > firstCritical, 'the first app is critical and it is the attacker\'s');
    const firstApp = text.slice(text.indexOf(attacker), text.indexOf('Details'));
    assert.match(firstApp, /Exchange\.ManageAsApp/);
    assert.match(firstApp, /Global Administrator/);
    assert.equal(await card.locator('a[href*="mail-sync.example"]').count(), 0, 'no link to the attacker\'s site');
    await snapshot(page, card, 'risky-apps.png');
  });

  it('the Details button answers and the detail card arrives', async () => {
    const card = await cardWith(page, 'Risky apps');
    await card.locator('button', { hasText: 'Details' }).first().click();
    const detail = await cardWith(page, 'Exchange.ManageAsApp', 'Audit evidence');
    assert.match(await detail.innerText(), /Global Administrator/);
    await snapshot(page, detail, 'app-detail.png');
  });

  it('"investigate" tells the story from the admin\'s registration of the app to the removal of the last rule', async () => {
    await say(page, `investigate ${ATTACKER_APP_ID}`);
    const card = await cardWith(page, 'Current state', 'registered the app');
    const text = await card.innerText();
    const order = [
      /Nestor Wilke \(from 203\.0\.113\.77\) registered the app 'Mail Sync \[Open\]\(https:\/\/mail-sync\.example\)'/,
      /granted the application permission Exchange\.ManageAsApp/,
      /added the app to the Global Administrator role/,
      /created inbound connector 'Partner relay 7731'/,
      /removed inbound connector 'Partner relay 8814'/,
      /created transport rule 'Transport header normalization'/,
    ];
    let from = 0;
    for (const step of order) {
      const at = text.slice(from).search(step);
      assert.ok(at >= 0, `${step} after position ${from} of:\n${text}`);
      from += at + 1;
    }
    await snapshot(page, card, 'investigate.png');
  });

  it('with watch on, a connector added to the simulated tenant is alerted once in the chat within one interval', async () => {
    await say(page, 'watch on');
    await page.getByText(/Watching: new or changed connectors/).last().waitFor({ timeout: 30_000 });
    // The attacker's app, through Exchange's admin endpoint, as in the attack.
    const { tenantId } = readDemoTenant(DEFAULT_SCENARIO, {});
    const credential = createCredential({ tenantId, credential: { kind: 'secret', clientId: ATTACKER_APP_ID, clientSecret: DEMO_SECRET }, authorityHost: simUrl });
    const attacker = new ExchangeAdmin(credential, simUrl, tenantId);
    const created = Date.now();
    await attacker.invoke('New-InboundConnector', { Name: 'Partner relay 9901', ConnectorType: 'OnPremises', SenderIPAddresses: ['198.51.100.99'], SenderDomains: ['*'] });
    const alert = await cardWith(page, 'Watch alert', 'Partner relay 9901');
    const seconds = (Date.now() - created) / 1000;
    assert.ok(seconds <= WATCH_INTERVAL_S + 5, `alerted ${seconds.toFixed(1)} s after the change`);
    await snapshot(page, alert, 'watch-alert.png');
    await new Promise((resolve) => setTimeout(resolve, WATCH_INTERVAL_S * 2 * 1000));
    assert.equal(await page.locator('.ac-adaptiveCard').filter({ hasText: 'Watch alert' }).filter({ hasText: 'Partner relay 9901' }).count(), 1, 'alerted once');
  });

  it('the Playground logged no error about the bot\'s cards', async () => {
    const log = path.join(workDir, 'devTools', 'm365agentsplayground.log');
    const logged = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((line) => /^error/i.test(line) || /card.*(error|fail|invalid)/i.test(line)) : [];
    assert.deepEqual([...cardErrors, ...logged], []);
    await page.screenshot({ path: path.join(ARTIFACTS, 'playground.png'), fullPage: true });
  });
});
