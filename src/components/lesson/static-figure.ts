/** A widget's preset state drawn at build time: what print and no-JavaScript readers see. */
export interface StaticFigure {
  title: string;
  /** One line naming the preset and its parameters, so the printed figure can be reproduced. */
  caption: string;
  charts: { svg: string; alt: string; label: string }[];
  /** The colours of the curves, named (the charts themselves carry no legend). */
  legend: { label: string; color: string }[];
}
