/**
 * The calendar queue of the network engine against a sorted list: whatever the pattern of times
 * (ties, bursts, widely mixed scales, a queue emptied and refilled, reloaded from its contents),
 * events come out by time, ties by the smaller item, and nothing is lost or invented.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../simulations/sir-network/event-queue.ts';

type Op = { kind: 'push'; delay: number; item: number } | { kind: 'pop' } | { kind: 'reload' };

const delay = fc.oneof(
  fc.constant(0), // ties with the current time
  fc.double({ min: 0, max: 1e-6, noNaN: true }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: 0, max: 1e4, noNaN: true }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('push' as const), delay, item: fc.integer({ min: 0, max: 2e6 }) }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'pop' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reload' as const }) },
);

describe('calendar queue', () => {
  it('pops in (time, item) order, like a sorted list, under any sequence of operations', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 50, maxLength: 3000, size: 'max' }), (ops) => {
        let q = new EventQueue();
        const reference: [number, number][] = [];
        let now = 0;
        const popBoth = () => {
          reference.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          const expected = reference.shift();
          expect(q.peek()).toBe(expected !== undefined);
          if (!expected) return;
          expect([q.time, q.item]).toEqual(expected);
          q.removePeeked();
          now = expected[0];
        };
        for (const o of ops) {
          if (o.kind === 'push') {
            // A simulation schedules only at or after the current time.
            q.push(now + o.delay, o.item);
            reference.push([now + o.delay, o.item]);
          } else if (o.kind === 'pop') popBoth();
          else {
            const copy = new EventQueue();
            copy.load(q.contents());
            q = copy;
          }
          expect(q.size).toBe(reference.length);
        }
        while (reference.length > 0) popBoth();
        expect(q.peek()).toBe(false);
      }),
      { numRuns: 200, seed: 20261128 },
    );
  });
});
