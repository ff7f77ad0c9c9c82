// The processes a test started, found by walking the process table down from the test itself, so that all
// of them can be stopped at the end. Kernels run in sessions of their own (jupyter_client starts them with
// setsid) and Chromium in a process group of its own, so no single group signal reaches everything.
import { execFileSync } from 'node:child_process';

/**
 * Every live process as {pid, ppid, id}; id adds the start time, so a reused pid is never mistaken for
 * ours. Zombies are left out: they have ended, and only wait for a parent (or init) to reap them.
 */
function processTable() {
  const out = execFileSync('ps', ['-e', '-o', 'pid=', '-o', 'ppid=', '-o', 'stat=', '-o', 'lstart='],
    { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.trim()).map((line) => {
    const [pid, ppid, stat, ...start] = line.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), zombie: stat.startsWith('Z'), id: `${pid}@${start.join(' ')}` };
  }).filter((p) => !p.zombie);
}

/** The descendants of root (not root itself), as a Map pid -> id. */
function descendants(root) {
  const table = processTable();
  const found = new Map();
  let frontier = [root];
  while (frontier.length) {
    const next = [];
    for (const p of table) {
      if (frontier.includes(p.ppid) && !found.has(p.pid)) {
        found.set(p.pid, p.id);
        next.push(p.pid);
      }
    }
    frontier = next;
  }
  return found;
}

/** Every process ever seen below this one; call remember() while they run, killLeftovers() at the end. */
export class Descendants {
  constructor(root = process.pid) {
    this.root = root;
    this.seen = new Map();
  }

  remember() {
    for (const [pid, id] of descendants(this.root)) this.seen.set(pid, id);
  }

  /** Those remembered that still run as the same process. */
  running() {
    const now = new Map(processTable().map((p) => [p.pid, p.id]));
    return [...this.seen].filter(([pid, id]) => now.get(pid) === id).map(([pid]) => pid);
  }

  /**
   * Kills whatever still runs of the remembered processes.
   * @returns {Promise<number[]>} the pids that had to be killed
   */
  async killLeftovers() {
    const left = this.running();
    for (const pid of left) signal(pid, 'SIGKILL');
    if (!left.length) return left;
    await sleep(500);
    const stubborn = this.running();
    if (stubborn.length) throw new Error(`processes ${stubborn.join(', ')} survived SIGKILL`);
    return left;
  }
}

export function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch (e) {
    if (e.code !== 'ESRCH') throw e;
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
