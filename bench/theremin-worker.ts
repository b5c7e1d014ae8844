/**
 * A worker thread that computes the theremin's pitch-versus-distance curve (the field solver at
 * 30 hand positions) on request, as the widget's Web Worker does in the browser (same code, V8).
 */
import { parentPort } from 'node:worker_threads';
import { capacitanceCurveTask } from '../simulations/theremin-field/tasks.ts';

parentPort?.on('message', (params: Record<string, unknown>) => {
  const out = capacitanceCurveTask(params);
  parentPort?.postMessage({ positions: out.gap.length });
});
