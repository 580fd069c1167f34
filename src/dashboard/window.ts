/** The first index to show so that `selected` is on screen in `rows` rows of `count`. */
export function windowStart(count: number, selected: number, rows: number): number {
  if (count <= rows) return 0;
  return Math.max(0, Math.min(count - rows, selected - rows + 1));
}
