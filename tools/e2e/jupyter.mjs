// JupyterLab for the browser test: started as `make lab` starts it (127.0.0.1, token authentication, the
// course's kernel through JUPYTER_PATH), on a free port, with settings of its own in a scratch folder.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { signal, sleep } from './processes.mjs';

// The options `make lab` uses; the Makefile passes its own list as LAB_OPTIONS so the two cannot drift.
const LAB_OPTIONS = '--ip=127.0.0.1 --LabApp.news_url=None '
  + '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate';

// JupyterLab settings for the test. Autosave off: running all cells makes a notebook dirty, and a save
// would write outputs into the committed sources. Windowing off: every cell is in the page, so every
// chart can be found. No news, no update checks: the test makes no request outside 127.0.0.1.
const SETTINGS = {
  '@jupyterlab/docmanager-extension/plugin.jupyterlab-settings': { autosave: false },
  '@jupyterlab/notebook-extension/tracker.jupyterlab-settings': { windowingMode: 'none' },
  '@jupyterlab/apputils-extension/notification.jupyterlab-settings': { fetchNews: 'false', checkForUpdates: false },
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function writeSettings(dir) {
  for (const [file, values] of Object.entries(SETTINGS)) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, JSON.stringify(values, null, 2));
  }
}

export class JupyterLab {
  /**
   * @param {object} o
   * @param {string} o.jupyter  the venv's `jupyter` executable
   * @param {string} o.rootDir  the folder JupyterLab serves (notebooks/, as for `make lab`)
   * @param {string} o.scratch  a folder for settings, workspaces, checkpoints, runtime files and the server log
   */
  constructor({ jupyter, rootDir, scratch }) {
    Object.assign(this, { jupyter, rootDir, scratch });
    this.token = randomBytes(24).toString('hex');
  }

  get logFile() {
    return path.join(this.scratch, 'jupyterlab.log');
  }

  async start() {
    fs.rmSync(this.scratch, { recursive: true, force: true });
    writeSettings(path.join(this.scratch, 'settings'));
    fs.mkdirSync(path.join(this.scratch, 'workspaces'), { recursive: true });
    this.port = await freePort();
    this.base = `http://127.0.0.1:${this.port}`;
    const options = (process.env.LAB_OPTIONS || LAB_OPTIONS).trim().split(/\s+/);
    // CI containers run as root, which Jupyter refuses unless told; a student's machine never needs this.
    if (process.getuid?.() === 0) options.push('--allow-root');
    const log = fs.openSync(this.logFile, 'w');
    // The token travels in the environment (JUPYTER_TOKEN, read by IdentityProvider.token), not on the
    // command line, where any local user could read it with `ps`.
    this.process = spawn(this.jupyter, ['lab', ...options, `--port=${this.port}`, '--ServerApp.port_retries=0',
      '--no-browser', `--LabApp.user_settings_dir=${path.join(this.scratch, 'settings')}`,
      `--LabApp.workspaces_dir=${path.join(this.scratch, 'workspaces')}`,
      // JupyterLab checkpoints a notebook when it opens it; an absolute folder keeps that out of notebooks/.
      `--FileCheckpoints.checkpoint_dir=${path.join(this.scratch, 'checkpoints')}`], {
      cwd: this.rootDir,
      env: {
        ...process.env,
        // As the Makefile does: the course's own `java` kernel comes first.
        JUPYTER_PATH: process.env.JUPYTER_PATH || path.resolve(path.dirname(this.jupyter), '..', 'share', 'jupyter'),
        JUPYTER_TOKEN: this.token,
        JUPYTER_RUNTIME_DIR: path.join(this.scratch, 'runtime'),
      },
      stdio: ['ignore', log, log],
      detached: true,
    });
    fs.closeSync(log);
    this.exited = new Promise((resolve) => this.process.on('exit', resolve));
    let done = false;
    this.exited.then(() => { done = true; });
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (done) {
        const last = fs.readFileSync(this.logFile, 'utf8').trim().split('\n').pop();
        throw new Error(`JupyterLab exited at start: ${last} (log: ${this.logFile})`);
      }
      try {
        if ((await this.api('GET', '/api/status')).status === 200) return;
      } catch { /* not listening yet */ }
      await sleep(250);
    }
    throw new Error(`JupyterLab did not answer on ${this.base} within 90 s; its log: ${this.logFile}`);
  }

  /** A request to the server's REST API with the token (or with `token` as given: null for none). */
  api(method, route, { token = this.token, redirect = 'follow' } = {}) {
    const headers = token ? { Authorization: `token ${token}` } : {};
    return fetch(this.base + route, { method, headers, redirect, signal: AbortSignal.timeout(10_000) });
  }

  /**
   * Requests without the token, or with a wrong one, must be refused (GETs only: a POST without a token
   * would be refused for its missing XSRF cookie anyway, which proves nothing about the token).
   * @returns {Promise<string[]>} the problems; empty if the server behaves
   */
  async refusesWithoutToken() {
    const checks = [
      ['GET /api/contents without a token', '/api/contents', { token: null }, (r) => r.status === 403],
      ['GET /api/kernels with a wrong token', '/api/kernels', { token: 'wrong' }, (r) => r.status === 403],
      ['GET /lab without a token', '/lab', { token: null, redirect: 'manual' },
        (r) => r.status === 302 && (r.headers.get('location') || '').includes('/login')],
      ['GET /api/contents with the token', '/api/contents', {}, (r) => r.status === 200],
    ];
    const problems = [];
    for (const [what, route, options, ok] of checks) {
      const response = await this.api('GET', route, options);
      await response.arrayBuffer();
      if (!ok(response)) problems.push(`${what}: answered ${response.status} ${response.headers.get('location') || ''}`.trim());
    }
    return problems;
  }

  /** Shuts down every kernel of a notebook's sessions, as closing it with "shut down kernel" would. */
  async shutDownKernels() {
    const sessions = await (await this.api('GET', '/api/sessions')).json();
    for (const s of sessions) await this.api('DELETE', `/api/sessions/${s.id}`);
  }

  /**
   * Stops the server: a clean shutdown through the API first (it shuts the kernels down), then SIGTERM and
   * SIGKILL to its process group. Kernels sit in sessions of their own: see Descendants for stragglers.
   */
  async stop() {
    if (!this.process) return;
    const running = () => this.process.exitCode === null && this.process.signalCode === null;
    if (running()) {
      try {
        await this.api('POST', '/api/shutdown');
      } catch { /* already gone, or not answering: the signals below do it */ }
      await Promise.race([this.exited, sleep(15_000)]);
    }
    if (running()) {
      signal(-this.process.pid, 'SIGTERM');
      await Promise.race([this.exited, sleep(5_000)]);
      if (running()) signal(-this.process.pid, 'SIGKILL');
    }
  }
}
