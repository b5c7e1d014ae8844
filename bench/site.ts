/**
 * The production build and a preview server for the page benchmarks: builds when dist/ is missing
 * or older than the sources, then serves (a snapshot of) dist/ with `astro preview` on a local
 * port, as a child process that is always stopped again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** What the build reads: a change to any of these makes dist/ stale. */
const SOURCES = ['src', 'simulations', 'content', 'public', 'integrations', 'astro.config.mjs', 'tsconfig.json', 'package-lock.json'];
/** …except notes beside the code and tests, which no page imports. */
const NOT_BUILT = /(^|\/)README\.md$|\.test\.ts$/;

function walk(path: string, visit: (file: string, mtimeMs: number) => void): void {
  if (!existsSync(path)) return;
  const st = statSync(path);
  if (!st.isDirectory()) {
    visit(path, st.mtimeMs);
    return;
  }
  for (const name of readdirSync(path)) walk(join(path, name), visit);
}

export interface Freshness {
  readonly stale: boolean;
  readonly reason: string;
}

/** dist/ is stale when a source file is newer than the oldest page of the last build. */
export function distFreshness(root: string): Freshness {
  const dist = join(root, 'dist');
  let oldestPage = Infinity;
  walk(dist, (file, mtime) => {
    if (file.endsWith('.html')) oldestPage = Math.min(oldestPage, mtime);
  });
  if (!Number.isFinite(oldestPage)) return { stale: true, reason: 'dist/ has no build' };
  let newest = 0;
  let newestFile = '';
  for (const s of SOURCES) {
    walk(join(root, s), (file, mtime) => {
      if (mtime > newest && !NOT_BUILT.test(file)) {
        newest = mtime;
        newestFile = file;
      }
    });
  }
  if (newest > oldestPage) return { stale: true, reason: `${newestFile.slice(root.length + 1)} is newer than dist/` };
  return { stale: false, reason: 'dist/ is newer than every source' };
}

function npx(args: readonly string[], root: string, stdio: 'inherit' | 'pipe'): ChildProcess {
  // Its own process group, so stopping it also stops what npx started.
  return spawn('npx', [...args], { cwd: root, stdio, detached: true });
}

/** `npx astro build`, output shown as it comes. */
export function build(root: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = npx(['astro', 'build'], root, 'inherit');
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`astro build failed (${signal ?? `exit ${code}`})`))));
  });
}

/**
 * Copies dist/ to `dest` and checks that the given pages and every /_astro/ file they name are
 * there. The benchmark serves the copy: another `astro build` in the same checkout (a test run)
 * empties and rewrites dist/, which would otherwise pull chunks from under a measurement.
 */
export async function snapshotDist(root: string, dest: string, pages: readonly string[]): Promise<void> {
  let missing: string[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt) await new Promise((r) => setTimeout(r, 3000));
    rmSync(dest, { recursive: true, force: true });
    try {
      cpSync(join(root, 'dist'), dest, { recursive: true });
    } catch {
      missing = ['dist/ (changing while copied)'];
      continue;
    }
    missing = [];
    for (const page of pages) {
      const html = join(dest, page, 'index.html');
      if (!existsSync(html)) {
        missing.push(page);
        continue;
      }
      for (const m of readFileSync(html, 'utf8').matchAll(/["'(](\/_astro\/[^"'()\s]+)/g)) {
        if (!existsSync(join(dest, m[1] as string))) missing.push(m[1] as string);
      }
    }
    if (missing.length === 0) return;
  }
  throw new Error(`dist/ is incomplete (a build running elsewhere?): ${missing.slice(0, 3).join(', ')}`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export interface Preview {
  readonly origin: string;
  readonly port: number;
  stop(): void;
}

const live = new Set<ChildProcess>();

function kill(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

// Whatever happens to this process, the preview server it started does not outlive it.
process.on('exit', () => {
  for (const c of live) kill(c);
});

/**
 * Starts `astro preview` on `port` (the next free one if another program holds it — never someone
 * else's server) and waits until it answers. `--ignore-lock`: Astro allows one tracked preview
 * server per project and would refuse to start beside one already running (or move itself to the
 * background when it thinks an agent runs it); the benchmark's server is private and short-lived.
 */
export async function startPreview(root: string, port: number, outDir?: string, timeoutMs = 30_000): Promise<Preview> {
  let p = port;
  while (!(await portIsFree(p))) p++;
  const origin = `http://127.0.0.1:${p}`;
  const args = ['astro', 'preview', '--host', '127.0.0.1', '--port', String(p), '--ignore-lock', ...(outDir ? ['--outDir', outDir] : [])];
  const child = npx(args, root, 'pipe');
  live.add(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = () => {
    kill(child);
    live.delete(child);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      stop();
      throw new Error(`astro preview exited (${child.exitCode}): ${output.trim().split('\n').slice(-3).join(' / ')}`);
    }
    try {
      // Answering, and it is ours: the server printed the address it got.
      const r = await fetch(`${origin}/en/`);
      if (r.ok && output.includes(`:${p}`)) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`astro preview did not answer on ${origin} within ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin, port: p, stop };
}
