// What a local test server (simplefin-server, enablebanking-server) needs of node:http(s) and
// of its command line, written once so that both servers listen, close at once, hold slowed
// answers, guard their admin routes, read bodies, answer JSON, read their CLI options and stop
// on Ctrl-C the same way.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server, Socket } from 'node:net';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a local server listens: the part of each server's start options that goes to listen(). */
export interface ListenOptions {
  /** Default 127.0.0.1: only this machine can reach the server. */
  host?: string;
  /** Default 0: a free port, read back by listen(). */
  port?: number;
}

/**
 * Listens on `host:port` (port 0: a free one) and gives the port actually bound, so that a
 * test can start many servers at once without choosing ports. A listen error (the port in use)
 * rejects instead of being thrown later as an unhandled 'error' event.
 */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('server has no TCP address'));
      else resolve(address.port);
    });
  });
}

/**
 * Keeps the server's open connections (call it before listen) and gives the function that
 * closes the server: it stops listening and destroys those connections at once, since
 * server.close() alone waits for the connections still open (a slowed answer, a client's
 * keep-alive) to end, which would hold a test or a Ctrl-C for seconds.
 */
export function closerOf(server: Server): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    return closed;
  };
}

/**
 * The waits of slowed answers (a server's slow control, for client timeouts). close() calls
 * wakeAll() so that no timer outlives the server and keeps a test or the process running.
 */
export class Sleepers {
  private readonly wakers = new Set<() => void>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  wakeAll(): void {
    for (const wake of [...this.wakers]) wake();
  }
}

/**
 * Whether a request comes from this machine. The admin routes change the bank's books and the
 * server's behaviour, so they answer only requests from here, even when the server listens
 * on another address. IPv4 loopback may arrive IPv4-mapped on a dual-stack socket.
 */
export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || /^(::ffff:)?127\./.test(address));
}

/**
 * The request body as UTF-8, or undefined when it is larger than `limit` bytes (for a 413).
 * A body past the limit is still read to its end, but not kept, so that the answer reaches a
 * client that is still sending and memory stays bounded.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size <= limit ? Buffer.concat(chunks).toString('utf8') : undefined));
    request.on('error', reject);
  });
}

/** A JSON answer; no-store because every answer reflects the server's state at that moment. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(`${JSON.stringify(body)}\n`);
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type CommandLine<O extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>
>['values'];

/**
 * A server's command line: its option values, or the exit code when there is nothing to run
 * (0 after printing `usage` for --help or -h, 2 after saying what is wrong with the arguments).
 * Strict, so that a mistyped option is refused instead of silently ignored.
 */
export function parseCommandLine<const O extends OptionsConfig>(
  argv: readonly string[],
  usage: string,
  options: O,
): CommandLine<O> | number {
  let values: ReturnType<typeof parseArgs>['values'];
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  return values as CommandLine<O>;
}

/**
 * A CLI option that must be a whole number from `min` to `max`: undefined when absent, null
 * (after saying why on stderr) when not, so that main() can report every bad option and exit 2.
 * Only digits are accepted: Number() alone would take '', ' 8', '1e3' and '0x10'.
 */
export function integerOption(name: string, text: string | undefined, min: number, max: number): number | undefined | null {
  if (text === undefined) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  process.stderr.write(`${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(text)}\n`);
  return null;
}

/**
 * Resolves once SIGINT (Ctrl-C) or SIGTERM has come and `close` has finished; with a close
 * from closerOf the process ends at once instead of after keep-alives. The handlers are
 * removed at the first signal, so a second Ctrl-C during close kills the process as usual.
 */
export function closeOnSignal(close: () => Promise<void>): Promise<void> {
  return new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
