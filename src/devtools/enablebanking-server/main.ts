// `npm run enablebanking-server`: an Enable Banking API on this machine, with the real clock,
// for trying `finagg link enablebanking` and sync by hand. Runs until Ctrl-C.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeOnSignal, integerOption, parseCommandLine } from '../local-server';
import { adminActions } from './admin';
import { defaultRedirectUrl, startEnableBankingServer } from './server';

const usage = `Usage: node dist/enablebanking-server.mjs [--port <n>] [--dir <path>] [--history-days <n>]
                                         [--redirect-url <url>]... [--page-size <n>]

  --port <n>            port on 127.0.0.1 (default 0: a free one, printed)
  --dir <path>          where the test CA, the server's key and the application's key
                        <app id>.pem are written (default: a new temp dir)
  --history-days <n>    days of bank history before today (default 120)
  --redirect-url <url>  another redirect URL registered with the application, besides
                        ${defaultRedirectUrl} (repeatable)
  --page-size <n>       transactions per page (default 50)
`;

async function main(argv: readonly string[]): Promise<number> {
  const values = parseCommandLine(argv, usage, {
    port: { type: 'string' },
    dir: { type: 'string' },
    'history-days': { type: 'string' },
    'redirect-url': { type: 'string', multiple: true },
    'page-size': { type: 'string' },
  });
  if (typeof values === 'number') return values;
  const port = integerOption('--port', values.port, 0, 65_535);
  const historyDays = integerOption('--history-days', values['history-days'], 1, 730);
  const pageSize = integerOption('--page-size', values['page-size'], 1, 1_000);
  if (port === null || historyDays === null || pageSize === null) return 2;
  const redirectUrls = values['redirect-url'] ?? [];
  for (const url of redirectUrls) {
    if (!URL.canParse(url)) {
      process.stderr.write(`--redirect-url must be an absolute URL, not ${JSON.stringify(url)}\n`);
      return 2;
    }
  }

  const dir = values.dir === undefined ? mkdtempSync(join(tmpdir(), 'finagg-enablebanking-')) : resolve(values.dir);
  const server = await startEnableBankingServer({
    dir,
    port: port ?? 0,
    redirectUrls,
    ...(historyDays === undefined ? {} : { historyDays }),
    ...(pageSize === undefined ? {} : { pageSize }),
    onRequest: (record) => {
      const query = record.query === '' ? '' : `?${record.query}`;
      process.stdout.write(`${new Date(record.at).toISOString()} ${record.method} ${record.path}${query} ${record.status}\n`);
    },
  });
  const keyFile = server.keyPath ?? '<your key file>';
  const curl = `curl --cacert ${server.caPath} -X POST`;
  process.stdout.write(
    [
      `Enable Banking test server: ${server.apiUrl}`,
      `Test CA certificate:        ${server.caPath}`,
      `Application id:             ${server.appId}`,
      `Application key:            ${keyFile}`,
      `Bank:                       ${server.bankName} (${server.bankCountry}), consent up to 180 days`,
      `Redirect URLs allowed:      ${server.redirectUrls.join(', ')}`,
      '',
      'Try it in another terminal:',
      `  export NODE_EXTRA_CA_CERTS=${server.caPath}`,
      `  export FINAGG_ENABLEBANKING_API=${server.apiUrl}`,
      `  npx finagg config set enablebanking.redirect_url ${defaultRedirectUrl}`,
      `  npx finagg link enablebanking --app-id ${server.appId} --key-file ${keyFile} --bank "${server.bankName}" --country ${server.bankCountry}`,
      '',
      'Admin (the bank changes its books or misbehaves):',
      `  ${curl} ${server.apiUrl}/admin/book-pending -d '{"tipCents":700}'`,
      `  ${curl} ${server.apiUrl}/admin/add-pending -d '{"amountCents":1250,"creditor":"Curry 36"}'`,
      `  ${curl} ${server.apiUrl}/admin/renumber-day -d '{}'`,
      `  ${curl} ${server.apiUrl}/admin/exhaust-daily-limit -d '{}'`,
      `  ${curl} ${server.apiUrl}/admin/expire-session -d '{}'`,
      `  ${curl} ${server.apiUrl}/admin/fail-next -d '{"count":2,"status":503}'`,
      `  the other actions, the same way: ${adminActions.join(', ')}`,
      '',
      'Requests:',
      '',
    ].join('\n'),
  );

  await closeOnSignal(() => server.close());
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
