/**
 * The theremin's AudioWorklet: the one place where engine code runs outside the worker bridge.
 * The real-time voice (simulations/theremin-circuit/voice.ts) is bundled into this module at build
 * time, statically — worklets cannot import dynamically — through Vite's `?worker&url` import in
 * theremin-sound.ts, which emits this file with its imports as one script in dev and production.
 *
 * Steering: the k-rate AudioParams `pitchGap` and `volumeGap` (cm from each antenna) and `gain`;
 * a message `{ coil: PitchCircuit }` switches the antenna coil. process() allocates nothing.
 */
import { ThereminVoice } from '../../simulations/theremin-circuit/voice.ts';
import type { ThereminProcessorOptions } from './theremin-protocol.ts';

// The AudioWorkletGlobalScope's names (not in TypeScript's DOM library).
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: { processorOptions?: unknown });
}
interface AudioParamDescriptor {
  name: string;
  defaultValue: number;
  minValue: number;
  maxValue: number;
  automationRate: 'a-rate' | 'k-rate';
}
declare function registerProcessor(name: string, processor: new (options: { processorOptions?: unknown }) => AudioWorkletProcessor): void;

class ThereminProcessor extends AudioWorkletProcessor {
  static get parameterDescriptors(): AudioParamDescriptor[] {
    return [
      { name: 'pitchGap', defaultValue: 30, minValue: 0.1, maxValue: 500, automationRate: 'k-rate' },
      { name: 'volumeGap', defaultValue: 30, minValue: 0.1, maxValue: 500, automationRate: 'k-rate' },
      { name: 'gain', defaultValue: 0.3, minValue: 0, maxValue: 1, automationRate: 'k-rate' },
    ];
  }

  private readonly voice: ThereminVoice;
  private started = false;

  constructor(options: { processorOptions?: unknown }) {
    super(options);
    const o = options.processorOptions as ThereminProcessorOptions;
    this.voice = new ThereminVoice({ ...o, sampleRate });
    this.port.onmessage = (event: MessageEvent<{ coil?: ThereminProcessorOptions['pitch'] }>) => {
      if (event.data.coil) this.voice.setPitchCircuit(event.data.coil);
    };
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][], parameters: Record<string, Float32Array>): boolean {
    const channels = outputs[0];
    const first = channels?.[0];
    if (!channels || !first) return true;
    this.voice.setHands((parameters['pitchGap']?.[0] ?? 30) / 100, (parameters['volumeGap']?.[0] ?? 30) / 100);
    if (!this.started) {
      this.voice.jumpToTargets();
      this.started = true;
    }
    this.voice.render(first, parameters['gain']?.[0] ?? 0.3);
    for (let c = 1; c < channels.length; c++) channels[c]?.set(first);
    return true;
  }
}

registerProcessor('theremin', ThereminProcessor);
