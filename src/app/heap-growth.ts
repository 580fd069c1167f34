import v8 from 'node:v8';
import vm from 'node:vm';

let set = false;

/**
 * Has V8 collect the whole heap once it grows 15% over what was live, for a process
 * about to write batch after batch of rows. V8 otherwise lets the heap grow to several
 * times what is live before a full collection, and a sync or an import makes short-lived
 * rows by the million: a million-row first sync peaked at 342 MB, 262 MB with this.
 *
 * Set when the work starts, not at start-up: V8 checks the code cache of Node's own
 * modules against its flags, so each built-in loaded after a change compiles afresh
 * (set at start-up, it cost `tx` 50 ms it never needed). V8 applies the new growth at
 * its next full collection, so one is made now: without it the limit set by the
 * start-up's collection (four times the heap then) holds until the heap reaches it.
 */
export function growHeapSlowly(): void {
  if (set) return;
  set = true;
  v8.setFlagsFromString('--heap-growing-percent=15');
  collectNow();
}

let collector: (() => void) | undefined;

/**
 * A full collection now. The daemon makes one after each round (minutes apart): V8
 * otherwise keeps a round's garbage, and the pages that held it, until its heap reaches
 * the next limit, and the resident daemon grew by 11-12 MB over ten rounds with a live
 * heap of 14 MB; collected each round, it grows 6 MB and holds.
 */
export function collectNow(): void {
  if (!collector) {
    v8.setFlagsFromString('--expose-gc');
    collector = vm.runInNewContext('gc') as () => void;
  }
  collector();
}
