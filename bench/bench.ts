/** One figure a benchmark reports, printed as a BENCH line (see README, Benchmarks). */
export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** What the figure is compared with, measured or fixed in the same run. */
  readonly baseline: string;
  readonly baseline_value: number;
}

export function benchLine(figure: BenchFigure): string {
  return `BENCH ${JSON.stringify(figure)}`;
}
