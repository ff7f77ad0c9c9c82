// Headless Chromium for the browser tests: the system's own (Debian's `chromium`, or CHROMIUM=path), driven
// through playwright-core; no browser is ever downloaded.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

// Flags for a quiet, self-contained headless Chromium: no GPU, no first-run or background traffic.
// Playwright adds --headless and a fresh --user-data-dir of its own, which it deletes afterwards.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The Chromium to use: CHROMIUM, else `chromium` on PATH. Exits with status 2 and an install hint if none. */
export function findChromium() {
  const candidates = process.env.CHROMIUM ? [process.env.CHROMIUM]
    : (process.env.PATH || '').split(path.delimiter).map((dir) => path.join(dir, 'chromium'));
  const found = candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
  if (!found) {
    console.error(`error: no Chromium found${process.env.CHROMIUM ? ` at CHROMIUM=${process.env.CHROMIUM}` : ' on PATH'}. `
      + 'The browser test uses the system\'s Chromium and never downloads one. On Debian: '
      + '`sudo apt-get install chromium`; elsewhere install Chromium or Chrome and run '
      + '`make e2e CHROMIUM=/path/to/chromium`.');
    process.exit(2);
  }
  return found;
}

/**
 * Starts headless Chromium from executablePath. Its XDG folders go to outDir/chromium/: Chromium's crash
 * handler would otherwise keep its database in ~/.config. With ownSignals the caller handles SIGINT, SIGTERM
 * and SIGHUP (to stop JupyterLab in order; Playwright's handlers would exit before it is down).
 */
export function launchChromium(executablePath, outDir, { ownSignals = false } = {}) {
  return chromium.launch({ executablePath, headless: true, args: FLAGS, timeout: 60_000,
    ...(ownSignals ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
    env: { ...process.env, XDG_CONFIG_HOME: path.join(outDir, 'chromium', 'config'),
      XDG_CACHE_HOME: path.join(outDir, 'chromium', 'cache') } });
}
