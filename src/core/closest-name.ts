import { AppError } from './errors';

/** The known name a typo most likely meant: at most two edits away. */
export function closestName(name: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of names) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** `no category "grocries" (did you mean groceries?)`: the one error for a category that does not exist. */
export function noSuchCategory(
  typed: string,
  names: readonly string[],
  hint: string,
  near = closestName(typed, names),
): AppError {
  return new AppError('not_found', `no category ${JSON.stringify(typed)}${near ? ` (did you mean ${near}?)` : ''}`, hint);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
