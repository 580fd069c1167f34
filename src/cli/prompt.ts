import readline from 'node:readline/promises';
import type { CliIO } from './io';

/** Asks a yes/no question on the terminal (on stderr, so stdout stays the answer's). */
export async function askYesNo(io: CliIO, question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: io.stdin, output: io.stderr as NodeJS.WritableStream, terminal: false });
  try {
    const answer = await rl.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
