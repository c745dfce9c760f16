/**
 * Axis ticks a person reads at a glance: 0 and multiples of 1, 2 or 5 × 10^k (0 / 0.5 / 1 / 1.5,
 * never 0 / 0.55 / 1.1), the last tick at or above the largest value so no point sits on the
 * chart's edge.
 */
export function niceTicks(values: ReadonlyArray<number | null | undefined>, count = 4): number[] {
  let max = 0;
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v) && v > max) max = v;
  if (max === 0) return [0, 1];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  const ticks: number[] = [];
  // Rounded to the step's decimals so 3 × 0.1 reads 0.3, not 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  for (let i = 0; ; i++) {
    const tick = Number((i * step).toFixed(decimals));
    ticks.push(tick);
    if (tick >= max) break;
  }
  return ticks;
}
