import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isLoopbackHost } from '../../core/settings';

/** Whether finagg can receive the bank's redirect itself: a plain http address on this machine. */
export function canListenOn(redirectUrl: string): boolean {
  const url = new URL(redirectUrl);
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>finagg</title><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p>`;

/**
 * Listens on the redirect URL's port (loopback only) for the one request that carries our
 * `state`, answers the browser with a page that says to go back to the terminal, and
 * resolves with the whole address the browser landed on. Requests for other paths or
 * states (a favicon, a stale tab) are answered 404 and ignored.
 */
export function receiveRedirect(
  redirectUrl: string,
  state: string,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<string> {
  const expected = new URL(redirectUrl);
  const port = Number(expected.port || 80);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, address?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      server.close();
      server.closeAllConnections?.();
      if (error) reject(error);
      else resolve(address!);
    };
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const landed = new URL(req.url ?? '/', `${expected.protocol}//${expected.host}`);
      if (landed.pathname !== expected.pathname || landed.searchParams.get('state') !== state) {
        res
          .writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
          .end(PAGE('Not found', 'This is not the address finagg is waiting for.'));
        return;
      }
      const declined = landed.searchParams.has('error');
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(
          declined
            ? PAGE('Not linked', 'The bank did not grant access. You can close this tab.')
            : PAGE('Approved', 'finagg received the consent. You can close this tab and go back to the terminal.'),
        );
      finish(undefined, landed.href);
    });
    const timer = setTimeout(
      () => finish(new Error('no answer from the bank within 10 minutes')),
      options.timeoutMs ?? 10 * 60_000,
    );
    options.signal?.addEventListener('abort', () => finish(new Error('cancelled')), { once: true });
    server.once('error', (error: NodeJS.ErrnoException) =>
      finish(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} is in use, so finagg cannot receive the redirect there`
            : `cannot listen on ${expected.host}: ${error.message}`,
        ),
      ),
    );
    // The redirect host as written ("localhost" may be ::1 or 127.0.0.1): listen where the browser will go.
    server.listen(port, expected.hostname.replace(/^\[|\]$/g, ''));
  });
}
