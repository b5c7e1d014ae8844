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

describe('ensembles and tasks in the worker host', () => {
  const params = { N: 300, R0: 2, tMax: 100, outputInterval: 1 };

  it('an ensemble is the same split into batches in any way (as a page with any number of workers does)', async () => {
    const host = new EngineHost(() => 0, () => undefined);
    const req = { engine: 'sir-stochastic', params, seed: 5, chunk: 1e6, curvesBelow: 3, series: ['t', 'I'] };
    const whole = await host.runBatch({ ...req, from: 0, to: 12 });
    const parts = await Promise.all([host.runBatch({ ...req, from: 7, to: 12 }), host.runBatch({ ...req, from: 0, to: 7 })]);
    const joined = [...parts[1]!.summaries, ...parts[0]!.summaries];
    expect(joined).toEqual(whole.summaries);
    // Run k is stream k: the same as a single run of that stream.
    const third = await host.runToEnd('sir-stochastic', params, 5, 2, 1e6);
    expect(whole.summaries[2]).toEqual(third.summary);
    // Only the first three runs send their series, and only those asked for.
    expect(whole.curves.map((c) => c.stream)).toEqual([0, 1, 2]);
    expect(Object.keys(whole.curves[0]!.series)).toEqual(['t', 'I']);
    expect(Array.from(whole.curves[2]!.series['I']!)).toEqual(Array.from(third.series['I']!.subarray(0, third.length)));
  });

  it('a batch with bad parameters is refused, naming them', async () => {
    const host = new EngineHost(() => 0, () => undefined);
    await expect(host.runBatch({ engine: 'sir-stochastic', params: { N: -3 }, seed: 1, from: 0, to: 2, chunk: 1e6, curvesBelow: 0, series: [] })).rejects.toThrow(/N/);
  });

  it('tasks check their input and name what is wrong', async () => {
    const host = new EngineHost(() => 0, () => undefined);
    const school = { day: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], count: [3, 8, 26, 76, 225, 298, 258, 233, 189, 128, 68, 29, 14, 4] };
    const fit = await host.task('sir-fit', { ...school, N: 763 });
    expect(fit.fit.R0).toBeGreaterThan(3);
    expect(fit.curve.t.length).toBe(fit.curve.I.length);
    await expect(host.task('sir-fit', { ...school, N: 100 })).rejects.toThrow(/^N: .*smaller than the largest count \(298\)/);
    await expect(host.task('sir-fit', { day: [1, 1, 2, 3], count: [1, 2, 3, 4], N: 100 })).rejects.toThrow(/^data: .*increasing \(at entry 2\)/);
    await expect(host.task('nope' as 'sir-fit', { ...school, N: 763 })).rejects.toThrow(/unknown task/);
  });
});
