/**
 * The page's side of offline use (the service worker is src/sw/service-worker.ts): registration,
 * the announcement of a new version, and "save the whole site". Only in the production build:
 * the dev server's modules are not what the worker precaches.
 */
import { Workbox } from 'workbox-window';

const base = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
let workbox: Workbox | undefined;

export const offlineSupported = (): boolean => import.meta.env.PROD && 'serviceWorker' in navigator && 'caches' in window;

/**
 * Registers the service worker. `onUpdate` is called when a new version has fully installed and
 * waits; calling the function it is given switches to it and reloads (widget state is in the URL).
 */
export function registerOffline(onUpdate: (apply: () => void) => void): void {
  if (!offlineSupported() || workbox) return;
  const wb = new Workbox(`${base}sw.js`, { scope: base });
  workbox = wb;
  wb.addEventListener('waiting', () =>
    onUpdate(() => {
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    }),
  );
  // The very first install: the page being read was loaded before the worker existed; save it now.
  wb.addEventListener('controlling', (e) => {
    if (!e.isUpdate) void fetch(location.pathname, { cache: 'no-cache' }).catch(() => undefined);
  });
  wb.register().catch((e: unknown) => console.warn('offline use unavailable:', e));
}

interface PageList {
  buildId: string;
  pages: string[];
}

async function pageList(): Promise<PageList> {
  const r = await fetch(`${base}offline-pages.json`, { cache: 'no-cache' });
  if (!r.ok) throw new Error(`offline-pages.json: HTTP ${r.status}`);
  return (await r.json()) as PageList;
}

/** How many of the site's pages are saved, in this version's page cache or its precache. */
export async function savedCount(): Promise<{ saved: number; total: number }> {
  const { pages } = await pageList();
  let saved = 0;
  // ignoreSearch: the precache keys its files as …?__WB_REVISION__=<hash>.
  for (const p of pages) if (await caches.match(new URL(p, location.origin).href, { ignoreSearch: true })) saved++;
  return { saved, total: pages.length };
}

/** Fetches every page through the service worker, which saves each; reports progress as it goes. */
export async function saveWholeSite(onProgress: (done: number, total: number) => void): Promise<void> {
  const reg = await navigator.serviceWorker.ready;
  const { pages } = await pageList();
  let done = 0;
  for (const p of pages) {
    const r = await fetch(p, { cache: 'no-cache' });
    if (!r.ok) throw new Error(`${p}: HTTP ${r.status}`);
    onProgress(++done, pages.length);
  }
  // Later versions then save every page of theirs while they install.
  reg.active?.postMessage({ type: 'MARK_SAVED_ALL' });
}
