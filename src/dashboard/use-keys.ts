import { type Key, useInput } from 'ink';
import { useCallback, useRef } from 'react';

/**
 * Keys, one at a time, each after the render of the one before. Ink hands over keys
 * that arrive together (typed fast, sent by tmux, pasted) as one string, and calls the
 * handler its effect subscribed, which can be a render old; so the keys go through a
 * queue, split into single characters, and each reaches the newest handler once React
 * has drawn what the key before changed. A timer tick is not enough: on a busy machine
 * it can fire before React's scheduled render, and the next key then met the old state
 * (a search of "Ama" for "Amaz"), and a key written separately a moment later met
 * the picker's old selection. So after every key the queue waits for the render
 * itself, counted here, or for a few event-loop turns when the key changed nothing,
 * before the next key, however it arrived.
 */
export function useKeys(handle: (input: string, key: Key) => void, isActive: boolean): void {
  const latest = useRef(handle);
  latest.current = handle;
  const renders = useRef(0);
  renders.current++;
  const queue = useRef<{ input: string; key: Key }[]>([]);
  const draining = useRef(false);

  const drain = useCallback(() => {
    const next = queue.current.shift();
    if (!next) {
      draining.current = false;
      return;
    }
    const before = renders.current;
    latest.current(next.input, next.key);
    // Wait for the render even when no key is queued yet: a key written a moment
    // later (a second write, not the same string) must not meet the old handler either.
    const afterRender = (turns: number) => {
      if (renders.current !== before || turns >= IDLE_TURNS) drain();
      else setImmediate(() => afterRender(turns + 1));
    };
    setImmediate(() => afterRender(1));
  }, []);

  useInput(
    useCallback(
      (input: string, key: Key) => {
        const split = input.length > 1 && !key.ctrl && !key.meta;
        queue.current.push(...(split ? [...input].map((ch) => single(ch, key)) : [{ input, key }]));
        if (!draining.current) {
          draining.current = true;
          drain();
        }
      },
      [drain],
    ),
    { isActive },
  );
}

/** Event-loop turns after which a key that caused no render is taken to have changed nothing. */
const IDLE_TURNS = 20;

/** One character of a run of keys, with the flags Ink would have given it alone. */
function single(ch: string, key: Key): { input: string; key: Key } {
  if (ch === '\r' || ch === '\n') return { input: '', key: { ...key, return: true } };
  if (ch === '\t') return { input: '', key: { ...key, tab: true } };
  if (ch === '\u007f' || ch === '\b') return { input: '', key: { ...key, backspace: true } };
  return { input: ch, key: { ...key, shift: /[A-Z]/.test(ch) } };
}
