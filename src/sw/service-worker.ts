/**
 * The offline service worker (bundled by integrations/offline.ts into dist/sw.js).
 *
 * - Installing a version precaches everything a page needs besides its HTML: scripts, styles,
 *   workers, fonts, the search index, and the two offline pages. Install is all-or-nothing.
 * - Pages are cached as they are opened (network first, the saved copy when the network fails),
 *   in a cache named after the build, so pages and the assets they reference always match.
 * - A new version carries every saved page forward (fetched afresh) while it installs, and takes
 *   over only when the reader accepts the announced update: never half-applied. If the network
 *   fails during that install, the install fails and the old version stays whole.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope;
/** Injected at build time. */
declare const __PRECACHE__: { url: string; revision: string | null }[];
declare const __BUILD_ID__: string;
declare const __BASE__: string;
declare const __PAGES__: string[];

const PAGES_PREFIX = 'gakusai-pages-';
const PAGES = `${PAGES_PREFIX}${__BUILD_ID__}`;
/** Stored in the pages cache once the reader has saved the whole site; later versions then save all their pages. */
const SAVED_ALL = `${__BASE__}__saved-all__`;

// Precached files are matched whatever their query: Pagefind adds a cache-busting ?ts= to its entry file.
precacheAndRoute(__PRECACHE__, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();

const isPage = (url: URL) =>
  url.origin === self.location.origin && url.pathname.startsWith(__BASE__) && (url.pathname.endsWith('/') || url.pathname.endsWith('.html'));

registerRoute(
  ({ url, request }) => request.method === 'GET' && isPage(url),
  new NetworkFirst({
    cacheName: PAGES,
    networkTimeoutSeconds: 5,
    // Widget state lives in the query (?sir-basic.R0=3): one saved copy serves every state of a page.
    plugins: [{ cacheKeyWillBeUsed: async ({ request }) => withoutQuery(request.url) }],
  }),
);

/** A page that is neither online nor saved: the offline page of its language, which says so. */
setCatchHandler(async ({ request, url }) => {
  if (request.destination !== 'document') return Response.error();
  const lang = url.pathname.slice(__BASE__.length).startsWith('ja/') ? 'ja' : 'en';
  return (await matchPrecache(`${__BASE__}${lang}/offline/`)) ?? Response.error();
});

function withoutQuery(href: string): string {
  const u = new URL(href);
  u.search = '';
  u.hash = '';
  return u.href;
}

/** Fills this version's page cache with fresh copies of the pages the reader had saved. */
async function carryPagesForward(): Promise<void> {
  const wanted = new Set<string>();
  let savedAll = false;
  for (const name of await caches.keys()) {
    if (!name.startsWith(PAGES_PREFIX) || name === PAGES) continue;
    for (const req of await (await caches.open(name)).keys()) {
      if (req.url.endsWith('__saved-all__')) savedAll = true;
      else wanted.add(req.url);
    }
  }
  if (savedAll) for (const p of __PAGES__) wanted.add(new URL(p, self.location.origin).href);
  const cache = await caches.open(PAGES);
  for (const url of wanted) {
    const response = await fetch(url, { cache: 'no-cache' });
    if (response.status === 404 || response.status === 410) continue; // a page this version no longer has
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    await cache.put(url, response);
  }
  if (savedAll) await cache.put(SAVED_ALL, new Response('1'));
}

self.addEventListener('install', (event) => event.waitUntil(carryPagesForward()));

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PAGES_PREFIX) && name !== PAGES) await caches.delete(name);
    })(),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
  if (data?.type === 'MARK_SAVED_ALL') event.waitUntil(caches.open(PAGES).then((c) => c.put(SAVED_ALL, new Response('1'))));
});

// The first version controls the pages already open, so the page a reader is on can be saved at once.
clientsClaim();
