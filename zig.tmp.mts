import { Rng } from './simulations/core/rng.ts';
const rng = Rng.stream(3, 1);
const n = 2_000_000;
const xs = new Float64Array(n);
let sum = 0, sum2 = 0, tail = 0;
for (let i = 0; i < n; i++) { const x = rng.exponentialZiggurat(1); xs[i] = x; sum += x; sum2 += x * x; if (x > 8) tail++; }
xs.sort();
let d = 0;
for (let i = 0; i < n; i++) { const F = 1 - Math.exp(-xs[i]!); d = Math.max(d, Math.abs(F - i / n), Math.abs(F - (i + 1) / n)); }
console.log('mean', sum / n, 'var', sum2 / n - (sum / n) ** 2, 'KS D*sqrt(n)', d * Math.sqrt(n), 'tail>8', tail, 'expected', n * Math.exp(-8));
const t0 = performance.now(); let acc = 0;
for (let i = 0; i < 2e7; i++) acc += rng.exponentialZiggurat(1.3);
console.log('zig ns/draw', (performance.now() - t0) / 2e7 * 1e6, acc > 0);
const t1 = performance.now();
for (let i = 0; i < 2e7; i++) acc += rng.exponential(1.3);
console.log('inv ns/draw', (performance.now() - t1) / 2e7 * 1e6);
