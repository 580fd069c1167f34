import readline from 'node:readline';
import type { ConsentRedirect } from '../../app/consent/consent-link';
import { AppError } from '../../core/errors';
import type { CliIO } from '../io';
import type { Output } from '../render/output';
import { openBrowser } from './open-browser';
import { canListenOn, receiveRedirect } from './receive-redirect';

/** A pasted address is a few hundred characters; a longer line is not one. */
const MAX_ADDRESS = 4096;

/**
 * How the person gets to the bank's consent page and back. On a terminal, the browser is
 * opened and, when the redirect URL is on this machine, finagg receives the redirect
 * itself. Otherwise (`--no-browser`, a pipe, a redirect elsewhere) the URL is printed and
 * the address the browser landed on is read from stdin.
 */
export function consentPrompt(io: CliIO, out: Output, options: { browser: boolean }) {
  return async (request: ConsentRedirect): Promise<string> => {
    const ends = request.validUntil.slice(0, 10);
    out.notice(
      `${out.color.bold(request.bankName)} asks you to allow finagg to read your accounts, balances and transactions until ${ends}.`,
    );
    const interactive = io.stdin.isTTY === true && options.browser;
    if (interactive && canListenOn(request.redirectUrl)) {
      const opened = await openBrowser(request.url);
      out.notice(
        opened
          ? `Approve in the browser that opened; if none did, open:\n  ${request.url}`
          : `Open this address in a browser and approve:\n  ${request.url}`,
      );
      out.notice(out.color.dim(`Waiting for the bank to send you back to ${request.redirectUrl} (Ctrl-C to cancel)…`));
      try {
        return await receiveRedirect(request.redirectUrl, request.state);
      } catch (error) {
        throw new AppError(
          'usage',
          `${(error as Error).message}; nothing was linked`,
          'try again with --no-browser and paste the address',
        );
      }
    }
    if (interactive) await openBrowser(request.url);
    out.notice(`Open this address in a browser and approve at the bank:\n  ${request.url}`);
    out.notice(`Then paste the address the browser landed on (it starts ${request.redirectUrl}):`);
    const line = await readLine(io);
    if (line === undefined || line.trim() === '') throw new AppError('usage', 'no address was pasted; nothing was linked');
    if (line.length > MAX_ADDRESS)
      throw new AppError('invalid_input', `the address pasted is longer than ${MAX_ADDRESS} characters`);
    return line;
  };
}

/** The first line of stdin (the pasted address), or undefined at its end. */
function readLine(io: CliIO): Promise<string | undefined> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: io.stdin, terminal: false });
    let done = false;
    rl.once('line', (line) => {
      done = true;
      rl.close();
      // Nothing more is read: a pipe whose writer stays open must not keep finagg running.
      io.stdin.pause();
      (io.stdin as { unref?: () => void }).unref?.();
      resolve(line);
    });
    rl.once('close', () => {
      if (!done) resolve(undefined);
    });
  });
}
