import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { playgroundConfig } from '../../bot/demoTenant';
import { startStack, type Stack } from '../support/stack';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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

async function say(page: Page, text: string): Promise<void> {
  const box = page.locator('[role="textbox"][contenteditable="true"]').first();
  await box.click();
  await box.pressSequentially(text);
  await box.press('Enter');
}

describe('Agents Playground in headless Chromium', function () {
  this.timeout(180_000);
  let stack: Stack;
  let playground: ChildProcess | undefined;
  let browser: Browser | undefined;
  let workDir: string;
  let page: Page;

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (apt-get install -y chromium)`);
    stack = await startStack();
    workDir = mkdtempSync(path.join(os.tmpdir(), 'tw-playground-'));
    const configPath = path.join(workDir, '.m365agentsplayground.yml');
    writeFileSync(configPath, playgroundConfig(stack.tenant, '7d2a6f1e-3c4b-4e5f-9a8b-1c2d3e4f5a6b'));
    const port = await freePort();
    playground = spawn(
      process.execPath,
      [require.resolve('@microsoft/m365agentsplayground/cli.js'), '-e', `${stack.botUrl}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
      { cwd: workDir, env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath }, stdio: 'ignore' },
    );
    await waitForHttp(`http://127.0.0.1:${port}/`, 60_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.locator('[role="textbox"][contenteditable="true"]').first().waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    if (playground && playground.exitCode === null) {
      const exited = new Promise((resolve) => playground!.once('exit', resolve));
      playground.kill('SIGTERM');
      await exited;
    }
    await stack?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('"list risky apps" shows the attacker\'s app first, as literal text rather than a link', async () => {
    await say(page, 'list risky apps');
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Risky apps' }).last();
    await card.waitFor({ timeout: 60_000 });
    const text = await card.innerText();
    const attacker = 'Mail Sync [Open](https://mail-sync.example)';
    assert.ok(text.includes(attacker), `the name shows literally: ${text.slice(0, 400)}`);
    const firstCritical = text.indexOf('CRITICAL');
    assert.ok(firstCritical >= 0 && text.indexOf(attacker) > firstCritical, 'the first app is critical and it is the attacker\'s');
    assert.equal(await card.locator('a[href*="mail-sync.example"]').count(), 0, 'no link to the attacker\'s site');
    await page.screenshot({ path: path.join(os.tmpdir(), 'tenant-warden-risky-apps.png'), fullPage: true });
  });

  it('the Details button answers and the detail card arrives', async () => {
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Risky apps' }).last();
    await card.locator('button', { hasText: 'Details' }).first().click();
    const detail = page.locator('.ac-adaptiveCard', { hasText: 'Exchange.ManageAsApp' }).filter({ hasText: 'Audit evidence' }).last();
    await detail.waitFor({ timeout: 60_000 });
    assert.match(await detail.innerText(), /Global Administrator/);
  });
});
