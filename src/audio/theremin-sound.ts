/**
 * The page's side of the theremin's sound: an AudioContext made only on a user gesture, the
 * worklet module loaded into it, one node steered by its AudioParams. The worklet URL comes from
 * Vite's `?worker&url` import, which bundles theremin.worklet.ts with everything it imports into
 * one script (the same in `astro dev` and in the production build).
 */
import workletUrl from './theremin.worklet.ts?worker&url';
import { THEREMIN_PROCESSOR, type ThereminProcessorOptions } from './theremin-protocol.ts';

export { workletUrl };

/** How long a change of hand position takes to settle into the AudioParams (s): smooth, not late. */
const PARAM_SMOOTHING = 0.005;

export interface ThereminSound {
  /** Moves the hands (cm from each antenna). */
  setHands(pitchGapCm: number, volumeGapCm: number): void;
  setGain(gain: number): void;
  setPitchCircuit(pitch: ThereminProcessorOptions['pitch']): void;
  /** Stops the sound and closes the context. */
  close(): Promise<void>;
}

/** Adds the theremin processor to a context (an AudioContext or an OfflineAudioContext) and makes a node. */
export async function createThereminNode(context: BaseAudioContext, options: ThereminProcessorOptions): Promise<AudioWorkletNode> {
  await context.audioWorklet.addModule(workletUrl);
  return new AudioWorkletNode(context, THEREMIN_PROCESSOR, { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [1], processorOptions: options });
}

/** Starts the sound. Call from a user gesture's handler (a click, a key): browsers require it. */
export async function startThereminSound(options: ThereminProcessorOptions, pitchGapCm: number, volumeGapCm: number): Promise<ThereminSound> {
  const context = new AudioContext({ latencyHint: 'interactive' });
  const node = await createThereminNode(context, options);
  const param = (name: string): AudioParam => {
    const p = node.parameters.get(name);
    if (!p) throw new Error(`theremin worklet has no parameter ${name}`);
    return p;
  };
  const pitch = param('pitchGap');
  const volume = param('volumeGap');
  const gain = param('gain');
  pitch.value = pitchGapCm;
  volume.value = volumeGapCm;
  node.connect(context.destination);
  await context.resume();
  return {
    setHands(p, v) {
      pitch.setTargetAtTime(p, context.currentTime, PARAM_SMOOTHING);
      volume.setTargetAtTime(v, context.currentTime, PARAM_SMOOTHING);
    },
    setGain(g) {
      gain.setTargetAtTime(g, context.currentTime, PARAM_SMOOTHING);
    },
    setPitchCircuit(circuit) {
      node.port.postMessage({ coil: circuit });
    },
    async close() {
      node.disconnect();
      await context.close();
    },
  };
}
