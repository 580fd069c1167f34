import type { ChalkInstance } from 'chalk';
import type { OutStream } from '../io';

/**
 * Where a command's words go. With --json, stdout carries the JSON document and nothing
 * else; human text then goes to stderr so a script can still read it.
 */
export class Output {
  constructor(
    readonly stdout: OutStream,
    readonly stderr: OutStream,
    readonly json: boolean,
    readonly color: ChalkInstance,
  ) {}

  /** The machine result: printed only with --json. */
  data(value: unknown): void {
    if (this.json) this.stdout.write(JSON.stringify(value, null, 2) + '\n');
  }

  /** Human text that is the command's answer (stderr when --json owns stdout). */
  line(text = ''): void {
    (this.json ? this.stderr : this.stdout).write(text + '\n');
  }

  /** Notices, warnings, progress: always stderr. */
  notice(text: string): void {
    this.stderr.write(text + '\n');
  }

  get isTerminal(): boolean {
    return this.stdout.isTTY === true;
  }
}
