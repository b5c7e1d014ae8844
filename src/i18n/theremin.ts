/**
 * The words of the theremin lesson's widgets (field, chain, pitch map, instrument), in both
 * languages, kept out of the site-wide dictionaries so that other pages do not load them;
 * test/unit/i18n.test.ts checks that both languages have the same keys and placeholders.
 */
import { fill, type Lang } from './index.ts';

const en = {
  'chain.stage.hand': 'Hand',
  'chain.stage.handValue': 'adds ΔC = {dc} pF',
  'chain.stage.pitch': 'Pitch oscillator',
  'chain.stage.pitchValue': 'f₁ = {f1} kHz',
  'chain.stage.fixed': 'Fixed oscillator',
  'chain.stage.fixedValue': 'f₂ = {f2} kHz',
  'chain.stage.mixer': 'Mixer',
  'chain.stage.mixerValue': 'f₂ − f₁ = {beat} Hz and f₁ + f₂ = {sum} kHz',
  'chain.stage.audio': 'Low-pass filter → sound',
  'chain.stage.audioValue': '{audio} Hz',
  'chain.stage.note': '≈ {note}, {cents} cents',
  'chain.stage.noBeat': 'no tone (zero beat)',
  'chain.stage.predicted': 'resonance condition: {value}',
  'chain.rfPlot': 'The two radio-frequency oscillations over the first {us} µs',
  'chain.envelopePlot': 'The mixer’s output over {ms} ms: the radio frequency fills the band, its envelope beats at f₂ − f₁',
  'chain.audioPlot': 'After the low-pass filter and the volume control: the sound',
  'chain.spectrumPlot': 'Spectrum of the mixer’s output (both axes logarithmic)',
  'chain.timeUs': 'time (µs)',
  'chain.timeMs': 'time (ms)',
  'chain.volts': 'voltage (V)',
  'chain.frequency': 'frequency (Hz)',
  'chain.amplitude': 'amplitude (V)',
  'chain.legendPitch': 'pitch oscillator v₁',
  'chain.legendFixed': 'fixed oscillator v₂',
  'chain.legendMixer': 'mixer output',
  'chain.legendAudio': 'sound',
  'chain.markDifference': 'f₂ − f₁',
  'chain.markOscillators': 'f₁, f₂',
  'chain.markSum': 'f₁ + f₂',
  'chain.rfAlt': 'Two sine waves of about 1 V at {f1} kHz and {f2} kHz, almost in step over these few microseconds.',
  'chain.envelopeAlt': 'The mixer output over {ms} ms: a band of radio-frequency oscillation whose height rises and falls {beats} times, at the difference frequency {beat} Hz.',
  'chain.envelopeAltZero': 'The mixer output over {ms} ms: a band of radio-frequency oscillation of constant height — the oscillators are at zero beat.',
  'chain.audioAlt': 'The sound after the filter: a periodic wave at {audio} Hz with amplitude {amp} V.',
  'chain.audioAltZero': 'The sound after the filter: silence (no difference frequency).',
  'chain.spectrumAlt': 'Spectrum of the mixer output: peaks at the difference frequency {beat} Hz and its harmonics, at the oscillators near {f1} kHz, and at their sum {sum} kHz.',
  'chain.circuit': 'Circuit values',
  'chain.about': 'Each frequency here is measured from the simulated waveforms (the circuits are integrated at 33.5 million samples per second), not computed from a formula; the resonance condition’s value is shown beside it.',
  'chain.computing': 'Simulating 31 ms of the circuits…',
} as const;

const ja: Record<keyof typeof en, string> = {
  'chain.stage.hand': '手',
  'chain.stage.handValue': 'ΔC = {dc} pF を加える',
  'chain.stage.pitch': '可変発振器',
  'chain.stage.pitchValue': 'f₁ = {f1} kHz',
  'chain.stage.fixed': '固定発振器',
  'chain.stage.fixedValue': 'f₂ = {f2} kHz',
  'chain.stage.mixer': 'ミキサー',
  'chain.stage.mixerValue': '差 f₂ − f₁ = {beat} Hz と和 f₁ + f₂ = {sum} kHz',
  'chain.stage.audio': 'ローパスフィルター → 音',
  'chain.stage.audioValue': '{audio} Hz',
  'chain.stage.note': '≈ {note}、{cents} セント',
  'chain.stage.noBeat': '音は出ない（ゼロビート）',
  'chain.stage.predicted': '共振条件からの値：{value}',
  'chain.rfPlot': '二つの高周波振動（最初の {us} µs）',
  'chain.envelopePlot': 'ミキサーの出力（{ms} ms）：高周波が帯のように詰まり、その包絡線が差の周波数 f₂ − f₁ でうなる',
  'chain.audioPlot': 'ローパスフィルターと音量調整を通った後：聞こえる音',
  'chain.spectrumPlot': 'ミキサー出力のスペクトル（両軸とも対数）',
  'chain.timeUs': '時刻（µs）',
  'chain.timeMs': '時刻（ms）',
  'chain.volts': '電圧（V）',
  'chain.frequency': '周波数（Hz）',
  'chain.amplitude': '振幅（V）',
  'chain.legendPitch': '可変発振器 v₁',
  'chain.legendFixed': '固定発振器 v₂',
  'chain.legendMixer': 'ミキサー出力',
  'chain.legendAudio': '音',
  'chain.markDifference': 'f₂ − f₁',
  'chain.markOscillators': 'f₁, f₂',
  'chain.markSum': 'f₁ + f₂',
  'chain.rfAlt': '振幅約 1 V、周波数 {f1} kHz と {f2} kHz の二つの正弦波。この数マイクロ秒のあいだはほとんど同じ位相でそろっている。',
  'chain.envelopeAlt': '{ms} ms 間のミキサー出力：高周波の振動が帯状に並び、その高さが差の周波数 {beat} Hz で {beats} 回増減している。',
  'chain.envelopeAltZero': '{ms} ms 間のミキサー出力：高さの変わらない高周波の帯。二つの発振器はゼロビートにある。',
  'chain.audioAlt': 'フィルター後の音：周波数 {audio} Hz、振幅 {amp} V の周期的な波。',
  'chain.audioAltZero': 'フィルター後の音：無音（差の周波数がない）。',
  'chain.spectrumAlt': 'ミキサー出力のスペクトル：差の周波数 {beat} Hz とその倍音、{f1} kHz 付近の発振器の周波数、その和 {sum} kHz にピークがある。',
  'chain.circuit': '回路の定数',
  'chain.about': 'ここに出る周波数はすべて、シミュレーションした波形から測ったものです（回路を毎秒3350万サンプルで数値積分）。式から計算した値ではありません。共振条件から求めた値を横に示します。',
  'chain.computing': '回路の 31 ms 分をシミュレーション中…',
};

export type ThereminKey = keyof typeof en;
export const thereminStrings: Record<Lang, Record<ThereminKey, string>> = { en, ja };

/** Looks a key up and fills `{name}` placeholders, like `t` for the site-wide strings. */
export function tt(lang: Lang, key: ThereminKey, vars: Readonly<Record<string, string | number>> = {}): string {
  return fill(thereminStrings[lang][key], vars);
}
