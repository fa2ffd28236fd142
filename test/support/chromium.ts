import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './root.js';

/** Debian's Chromium (.ci/run installs it when missing); NEWSDESK_CHROMIUM names another build. */
export const CHROMIUM = process.env.NEWSDESK_CHROMIUM ?? '/usr/bin/chromium';

/** Where browser suites leave their screenshots: a test artifact, outside git. */
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/** Headless Chromium as CI runs it: no sandbox (root in a container), no GPU, and nothing fetched from the internet. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (.ci/run does) or set NEWSDESK_CHROMIUM.`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** axe-core's serious and critical violations on the page as it stands, each as "rule: target" lines to read in a failure. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${v.help}`));
}

/** Saves a full-page screenshot as test-artifacts/{suite}/{name}.png and returns its path. */
export async function screenshot(page: Page, suite: string, name: string): Promise<string> {
  const dir = join(ARTIFACTS, suite);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
