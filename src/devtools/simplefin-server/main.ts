// `npm run simplefin-server`: a SimpleFIN server on this machine, with the real clock, for
// trying `finagg link simplefin` and sync by hand. Runs until Ctrl-C.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeOnSignal, integerOption, parseCommandLine } from '../local-server';
import { startSimpleFinServer } from './server';
import { adminActions } from './admin';

const usage = `Usage: node dist/simplefin-server.mjs [--port <n>] [--dir <path>] [--history-days <n>]

  --port <n>           port on 127.0.0.1 (default 0: a free one, printed)
  --dir <path>         where the test CA and the server's key are written (default: a new temp dir)
  --history-days <n>   days of bank history (default 150)
`;

async function main(argv: readonly string[]): Promise<number> {
  const values = parseCommandLine(argv, usage, {
    port: { type: 'string' },
    dir: { type: 'string' },
    'history-days': { type: 'string' },
  });
  if (typeof values === 'number') return values;
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

  await closeOnSignal(() => server.close());
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
