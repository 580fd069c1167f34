import type { ChalkInstance } from 'chalk';

/**
 * A bar for a budget: green under 80%, yellow to 100%, red over. Without colour the
 * fill still reads (`#` against `.`), and an overspent bar ends in `!`.
 */
export function progressBar(percent: number, width: number, color: ChalkInstance): string {
  const filled = Math.min(width, Math.round((Math.max(0, percent) / 100) * width));
  const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
  const text = percent > 100 ? `${bar.slice(0, -1)}!` : bar;
  const paint = percent > 100 ? color.red : percent >= 80 ? color.yellow : color.green;
  return paint(text);
}
