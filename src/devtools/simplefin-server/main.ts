// `npm run simplefin-server`: a SimpleFIN server on this machine, with the real clock, for
// trying `finagg link simplefin` and sync by hand. Runs until Ctrl-C.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSimpleFinServer } from './server';
import { adminActions } from './admin';

const usage = `Usage: node dist/simplefin-server.js [--port <n>] [--dir <path>] [--history-days <n>]

  --port <n>           port on 127.0.0.1 (default 0: a free one, printed)
  --dir <path>         where the test CA and the server's key are written (default: a new temp dir)
  --history-days <n>   days of bank history (default 150)
`;

async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        dir: { type: 'string' },
        'history-days': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
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
  const port = integerOption('--port', values.port, 0, 65_535);
  const historyDays = integerOption('--history-days', values['history-days'], 1, 3_650);
  if (port === null || historyDays === null) return 2;

  const dir = values.dir === undefined ? mkdtempSync(join(tmpdir(), 'finagg-simplefin-')) : resolve(values.dir);
  const server = await startSimpleFinServer({ dir, port: port ?? 0, ...(historyDays === undefined ? {} : { historyDays }) });
  const origin = new URL(server.rootUrl).origin;
  const token = server.newSetupToken();
  process.stdout.write(
    [
      `SimpleFIN test server: ${server.rootUrl}`,
      `Test CA certificate:   ${server.caPath}`,
      `Setup token (single use; get another at ${server.rootUrl}/create):`,
      token,
      '',
      'Try it in another terminal:',
      `  export NODE_EXTRA_CA_CERTS=${server.caPath}`,
      `  printf '%s' '${token}' | npx finagg link simplefin --token-stdin`,
      'Admin (to try bills posting, revocation ...):',
      `  curl --cacert ${server.caPath} -X POST ${origin}/admin/post-pending`,
      `  the other actions, the same way: ${adminActions.join(', ')}`,
      '  (payment-required takes the body on or off, slow a delay in ms, fail-next a count and a status)',
      '',
    ].join('\n'),
  );

  // Closing destroys open sockets, so the process ends at once instead of after keep-alives.
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

// undefined when absent, null (after saying why) when not an integer in range.
function integerOption(name: string, text: string | undefined, min: number, max: number): number | undefined | null {
  if (text === undefined) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  process.stderr.write(`${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(text)}\n`);
  return null;
}

process.exitCode = await main(process.argv.slice(2));
