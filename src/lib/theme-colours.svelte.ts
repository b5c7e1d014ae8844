/**
 * The theme's colours for charts and canvases, read from the CSS custom properties once (and again
 * when the colour scheme changes), not on every redraw: getComputedStyle right after a chart swap
 * forces a style recalculation. Every widget draws with these.
 */
import { themeColor } from './download.ts';
import { PRINT_PALETTE } from '../components/sir/sir-plots.ts';

export type ThemeColours = typeof PRINT_PALETTE & { bg: string };

function read(): ThemeColours {
  const p = PRINT_PALETTE;
  return {
    fg: themeColor('--fg', p.fg), bg: themeColor('--bg', '#ffffff'),
    S: themeColor('--c-s', p.S), E: themeColor('--c-e', p.E), I: themeColor('--c-i', p.I), R: themeColor('--c-r', p.R), V: themeColor('--c-v', p.V),
  };
}

export class ThemePalette {
  colours = $state<ThemeColours>(read());

  /** Re-reads now and whenever the colour scheme changes; returns the cleanup (for onMount). */
  watch(): () => void {
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const update = () => (this.colours = read());
    update();
    scheme.addEventListener('change', update);
    return () => scheme.removeEventListener('change', update);
  }
}
