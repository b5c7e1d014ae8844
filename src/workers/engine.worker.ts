/// <reference lib="webworker" />
/** The module worker that hosts engine sessions; the page talks to it through Comlink. */
import * as Comlink from 'comlink';
import { EngineHost } from './engine-host.ts';

const host = new EngineHost(() => performance.now(), (fn, ms) => setTimeout(fn, ms));
// Reachable from a debugger or a browser test (Playwright's worker.evaluate), e.g. to inject a fault
// into one session and check that only that widget shows an error. Nothing in the site uses it.
(self as unknown as { gakusaiHost: EngineHost }).gakusaiHost = host;
Comlink.expose(host);
