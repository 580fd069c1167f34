import { AppError, exitCodeFor } from '../../core/errors';
import type { Output } from './output';
import { stripUrlCredentials } from '../../security/redact';
import { escapeControl } from './quote';

/**
 * One line on stderr, `finagg: <what> (<hint>)`, with no control character of what was
 * typed in it; with --json also the error document on stdout. The stack only with
 * FINAGG_DEBUG=1.
 */
export function renderError(error: AppError, out: Output, debug: boolean): number {
  const hint = error.hint ? ` (${error.hint})` : '';
  // A URL's credentials (SimpleFIN's access URL) are never printed, whatever library quoted one.
  out.stderr.write(`${out.color.red('finagg:')} ${escapeControl(stripUrlCredentials(oneLine(error.message) + hint))}\n`);
  if (debug) {
    const cause = error.cause instanceof Error ? error.cause : error;
    out.stderr.write(stripUrlCredentials(cause.stack ?? String(cause)) + '\n');
  }
  if (out.json && !(error instanceof ReportedError)) out.stdout.write(JSON.stringify({ error: errorJson(error) }) + '\n');
  return exitCodeFor(error);
}

/** The `error` member of a --json document. */
export function errorJson(error: AppError): Record<string, string> {
  const body: Record<string, string> = { code: error.code, message: stripUrlCredentials(error.message) };
  if (error.hint) body.hint = stripUrlCredentials(error.hint);
  return body;
}

/**
 * A failure whose command has already written its --json document, with the error in it
 * (a sync where every account failed still reports each run): stdout keeps that one
 * document, and only the line on stderr and the exit code follow.
 */
export class ReportedError extends AppError {}

/** Messages from libraries may span lines; the person gets one. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
