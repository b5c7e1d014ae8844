import { describe, expect, it } from 'vitest';
import type { Frame } from '../../simulations/core/engine.ts';
import { digestFrame } from '../../src/lib/digest.ts';
import { EngineHost, type FrameMessage } from '../../src/workers/engine-host.ts';

/** A host whose clock advances by a fixed step per reading, and whose timers run on demand. */
function fakeHost() {
  let now = 0;
  const timers: (() => void)[] = [];
  const host = new EngineHost(
    () => (now += 1),
    (fn) => timers.push(fn),
  );
  return {
    host,
    runTimers: (max: number) => {
      for (let i = 0; i < max && timers.length; i++) timers.shift()!();
    },
    pendingTimers: () => timers.length,
  };
}

describe('the worker host', () => {
  it('pushes frames, applies live parameters in place and rebuilds on structural ones', async () => {
    const { host, runTimers } = fakeHost();
    const frames: FrameMessage[] = [];
    await host.open(1, 'sir', { tMax: 100 }, 0, 0, { onFrame: (m) => frames.push(m), onError: (e) => { throw new Error(e); } });
    expect(frames).toHaveLength(1);
    host.setSpeed(1, 50);
    host.play(1);
    runTimers(20);
    const mid = frames.at(-1)!.frame;
    expect(mid.work).toBeGreaterThan(0);
    expect(host.setParams(1, { tMax: 100, R0: 1.5 })).toEqual({ how: 'live', generation: 0 });
    expect(frames.at(-1)!.generation).toBe(0);
    expect(frames.at(-1)!.frame.work).toBe(mid.work);
    expect(host.setParams(1, { tMax: 100, R0: 1.5, N: 5000 })).toEqual({ how: 'rebuilt', generation: 1 });
    expect(frames.at(-1)!.generation).toBe(1);
    expect(frames.at(-1)!.frame.work).toBe(0);
  });

  it('pause then play before the pending tick runs does not start a second loop', async () => {
    const { host, runTimers, pendingTimers } = fakeHost();
    await host.open(1, 'sir', { tMax: 3650 }, 0, 0, { onFrame: () => {}, onError: () => {} });
    host.play(1);
    host.pause(1);
    host.play(1); // the first chain's tick is still queued
    for (let round = 0; round < 5; round++) {
      runTimers(pendingTimers());
      expect(pendingTimers()).toBe(1); // the stale tick ended its chain; one chain goes on
    }
  });

  it('reports an engine failure once and keeps other sessions running', async () => {
    const { host, runTimers } = fakeHost();
    const errors: string[] = [];
    const frames = new Map<number, Frame>();
    for (const id of [1, 2]) {
      await host.open(id, 'sir', {}, 0, 0, { onFrame: (m) => frames.set(id, m.frame), onError: (e) => errors.push(`${id}:${e}`) });
      host.play(id);
    }
    host.sessions.get(1)!.inst.advance = () => {
      throw new Error('bad state');
    };
    runTimers(30);
    expect(errors).toEqual(['1:bad state']);
    expect(frames.get(2)!.work).toBeGreaterThan(0);
    host.reset(1);
    expect(host.sessions.get(1)!.broken).toBe(false);
  });

  it('rejects parameters that fail validation, even from a forged message', async () => {
    const { host } = fakeHost();
    await expect(host.open(1, 'sir', { R0: 'NaN' }, 0, 0, { onFrame: () => {}, onError: () => {} })).rejects.toThrow(/R0/);
    await expect(host.open(2, 'nope', {}, 0, 0, { onFrame: () => {}, onError: () => {} })).rejects.toThrow(/unknown engine/);
  });

  it('a stochastic run is the same whatever the chunk size and whichever host runs it', async () => {
    const digests = new Set<string>();
    for (const chunk of [1, 7, 100, 1e9]) {
      const { host } = fakeHost();
      for (const stream of [0, 1, 2, 3]) digests.add(`${stream}:${digestFrame(await host.runToEnd('sir-stochastic', { N: 500 }, 42, stream, chunk))}`);
    }
    expect(digests.size).toBe(4);
  });
});
