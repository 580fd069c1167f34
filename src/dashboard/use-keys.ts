import { type Key, useInput } from 'ink';
import { useCallback, useRef } from 'react';

/**
 * Keys, one at a time, each after the render of the one before. Ink hands over keys
 * that arrive together (typed fast, sent by tmux, pasted) as one string, and calls the
 * handler its effect subscribed, which can be a render old; so the keys go through a
 * queue, split into single characters, and each reaches the newest handler after a
 * timer tick, by which React has drawn what the key before changed.
 */
export function useKeys(handle: (input: string, key: Key) => void, isActive: boolean): void {
  const latest = useRef(handle);
  latest.current = handle;
  const queue = useRef<{ input: string; key: Key }[]>([]);
  const draining = useRef(false);

  const drain = useCallback(() => {
    const next = queue.current.shift();
    if (!next) {
      draining.current = false;
      return;
    }
    latest.current(next.input, next.key);
    if (queue.current.length > 0) setTimeout(drain, 1);
    else draining.current = false;
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

/** One character of a run of keys, with the flags Ink would have given it alone. */
function single(ch: string, key: Key): { input: string; key: Key } {
  if (ch === '\r' || ch === '\n') return { input: '', key: { ...key, return: true } };
  if (ch === '\t') return { input: '', key: { ...key, tab: true } };
  if (ch === '\u007f' || ch === '\b') return { input: '', key: { ...key, backspace: true } };
  return { input: ch, key: { ...key, shift: /[A-Z]/.test(ch) } };
}
