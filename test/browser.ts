/**
 * Which Chromium the browser tests and benchmarks drive. In order: the path in GAKUSAI_CHROMIUM
 * (or CHROMIUM_PATH), Debian's /usr/bin/chromium, Playwright's own download. With none of them the
 * run fails with instructions — browser tests are never silently skipped.
 */
import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env['GAKUSAI_CHROMIUM'] ?? process.env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`GAKUSAI_CHROMIUM points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const system = SYSTEM_PATHS.find((p) => existsSync(p));
  if (system) return system;
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = '';
  }
  if (bundled && existsSync(bundled)) return undefined; // Playwright's own browser: its default.
  throw new Error(
    [
      'No Chromium for the browser tests. Either:',
      '  - install the system one (Debian/Ubuntu: sudo apt-get install chromium), or',
      '  - download Playwright\'s: npx playwright install chromium, or',
      '  - point GAKUSAI_CHROMIUM at a Chrome/Chromium binary.',
    ].join('\n'),
  );
}

export function launchOptions(): LaunchOptions {
  const executablePath = chromiumExecutable();
  const args = ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  // Root (CI containers) cannot use Chromium's sandbox.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return executablePath ? { executablePath, args } : { args };
}
