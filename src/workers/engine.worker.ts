/// <reference lib="webworker" />
/** The module worker that hosts engine sessions; the page talks to it through Comlink. */
import * as Comlink from 'comlink';
import { EngineHost } from './engine-host.ts';

Comlink.expose(new EngineHost(() => performance.now(), (fn, ms) => setTimeout(fn, ms)));
