/**
 * Categories in tree order: each top-level one, alphabetical, followed by the ones under
 * it, alphabetical. A category sits under its parent only when that parent is a top-level
 * category (two levels, no more); one whose parent is gone or is itself under another is
 * shown at the top.
 */
export function treeOrder<T extends { parent: string | null }>(
  items: readonly T[],
  nameOf: (item: T) => string,
): { item: T; child: boolean }[] {
  const tops = new Set(items.filter((c) => c.parent === null).map(nameOf));
  const isChild = (c: T) => c.parent !== null && tops.has(c.parent);
  const alphabetical = (a: T, b: T) => nameOf(a).localeCompare(nameOf(b));
  const out: { item: T; child: boolean }[] = [];
  for (const top of items.filter((c) => !isChild(c)).sort(alphabetical)) {
    out.push({ item: top, child: false });
    for (const child of items.filter((c) => isChild(c) && c.parent === nameOf(top)).sort(alphabetical))
      out.push({ item: child, child: true });
  }
  return out;
}
