/**
 * The system Chromium, driven by playwright-core: screenshots, PDF export and browser tests. No
 * browser is downloaded; the flags keep it off the network and quiet in containers.
 */
import { access, constants } from 'node:fs/promises';
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A program turbowork needs is not installed; the message says how to install it. */
export class MissingDependencyError extends Error {}

/** Throws MissingDependencyError, saying how to install it, when there is no Chromium to run. */
export async function requireChromium(): Promise<void> {
  // Checked first: playwright's own error for a missing browser suggests downloading one.
  if (!(await access(CHROMIUM_PATH, constants.X_OK).then(() => true, () => false))) {
    throw new MissingDependencyError(
      `Chromium is needed, and there is none at ${CHROMIUM_PATH}. Install it (Debian and Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium), or set CHROMIUM_PATH to a Chromium or Chrome you have.`,
    );
  }
}

export async function launchBrowser(): Promise<Browser> {
  await requireChromium();
  // Loaded here, not at the top: commands that only check for Chromium do not load the browser driver.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}
