/**
 * Charts made of block characters. They read without colour (NO_COLOR), since the
 * shape is in the glyphs.
 */

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** A horizontal bar of `value / max` of `width` cells, in eighths of a cell. */
export function hbar(value: number, max: number, width: number): string {
  if (width <= 0 || max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/**
 * One block per value, from the lowest to the highest (a net worth that moves by a few
 * percent still shows its shape); all equal is a middle line.
 */
export function rangeSparkline(values: readonly number[]): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return values.map((v) => LEVELS[max === min ? 3 : Math.round(((v - min) / (max - min)) * 7)]).join('');
}

/** One block per value, its height relative to the largest value. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max <= 0 || v <= 0 ? LEVELS[0] : LEVELS[Math.min(7, Math.round((v / max) * 7))])).join('');
}
