import type { CliIO } from './io';

/**
 * Reads a secret typed or pasted at the terminal without echoing it: stdin goes to raw
 * mode for the one line, Enter ends it, Backspace and Ctrl-U edit it, Ctrl-C cancels.
 * The prompt goes to stderr, so stdout stays the command's answer.
 */
export function askSecret(io: CliIO, prompt: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const wasRaw = stdin.isRaw;
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new SecretCancelled());
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else if (ch === '\u0015') text = '';
        else if (ch >= ' ') text += ch;
      }
    };
    stdin.setRawMode?.(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}

export class SecretCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** All of stdin, for secrets piped in (`--token-stdin`); at most `max` characters. */
export async function readAllStdin(io: CliIO, max: number): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) {
    text += String(chunk);
    if (text.length > max) break;
  }
  return text;
}
