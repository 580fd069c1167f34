import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testAlertChannels } from '../../src/app/alert-test';
import { alertDeliveries } from '../../src/app/alerts';
import type { AppContext } from '../../src/app/context';
import { deliverPendingAlerts } from '../../src/app/deliver-alerts';
import { setSecret } from '../../src/app/secrets';
import { listSettings, setSetting } from '../../src/app/settings';
import type { AlertType } from '../../src/core/alert';
import { createTestCertificates, type TestCertificates } from '../../src/devtools/simplefin-server/certificates';
import { addAlert as addAlertRow } from '../helpers/alerts';
import { freshHome, runCli } from '../helpers/cli';
import { cliContext } from '../helpers/context';

// Mail through a local SMTP server (nodemailer's smtp-server) with STARTTLS and a test
// CA, and push through a local HTTP server standing in for ntfy.

const NOW = Date.parse('2026-11-23T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const PASSWORD = 'smtp-pw-7Hq2xVb9';
const PUSH_TOKEN = 'tk_ntfy_Zr8c1Lk4m2Q';
const TOPIC = 'finagg-alerts-h4x9';
const MESSAGE = 'groceries: $42.50 of $50.00 spent this month (85%, crossed 80%); $7.50 left, 7 days to go';

let certs: TestCertificates;
beforeAll(async () => {
  certs = await createTestCertificates(fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-mail-tls-')));
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function context(): { home: string; ctx: AppContext } {
  const home = freshHome();
  const ctx = cliContext(home, { FINAGG_HOME: home, FINAGG_NOW: iso(NOW), FINAGG_KEYSTORE: 'file', FINAGG_DEBUG: '1' });
  cleanups.push(() => ctx.close());
  return { home, ctx };
}

const addAlert = (ctx: AppContext, type: AlertType = 'budget_threshold', message = MESSAGE) =>
  addAlertRow(ctx, { type, message, createdAt: iso(NOW) });

interface Mail {
  from: string;
  to: string[];
  raw: string;
  secure: boolean;
  user: string | undefined;
}

/** An SMTP server on loopback offering STARTTLS with the test CA's certificate, login required. */
async function startSmtp(options: { port?: number; rejectRecipient?: string; implicitTls?: boolean } = {}) {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    secure: options.implicitTls === true,
    key: certs.keyPem,
    cert: certs.certPem,
    logger: false,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'me@example.com' && auth.password === PASSWORD) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (address.address === options.rejectRecipient)
        callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          secure: session.secure,
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  let open = true;
  const close = () =>
    new Promise<void>((resolve) => {
      if (!open) return resolve();
      open = false;
      server.close(() => resolve());
    });
  cleanups.push(close);
  return { mails, port, close };
}

/** A free loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function configureMail(ctx: AppContext, port: number, to = 'family@example.com') {
  await setSetting(ctx, 'alerts.email.to', to);
  await setSetting(ctx, 'alerts.email.from', 'finagg@example.com');
  await setSetting(ctx, 'alerts.email.host', '127.0.0.1');
  await setSetting(ctx, 'alerts.email.port', String(port));
  await setSetting(ctx, 'alerts.email.user', 'me@example.com');
  await setSecret(ctx, 'alerts.email.password', PASSWORD);
}

/** The test CA is trusted as a person's private CA would be; the system's CAs do not know it. */
const trusted = () => ({ mail: { timeoutMs: 5_000, ca: certs.caPem } });

const emailRow = async (ctx: AppContext, id: number) =>
  (await ctx.db
    .selectFrom('alert_deliveries')
    .selectAll()
    .where('alert_id', '=', id)
    .where('channel', '=', 'email')
    .executeTakeFirst())!;

/** Unfolded headers and the decoded body of a plain-text mail. */
function parseMail(raw: string): { headers: Map<string, string>; body: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head!.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':');
    headers.set(line.slice(0, at).toLowerCase(), line.slice(at + 1).trim());
  }
  let body = rest.join('\n\n');
  if (/quoted-printable/i.test(headers.get('content-transfer-encoding') ?? ''))
    body = Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  if (/base64/i.test(headers.get('content-transfer-encoding') ?? '')) body = Buffer.from(body, 'base64').toString('utf8');
  return { headers, body: body.replace(/\r\n/g, '\n') };
}

describe('email alerts', () => {
  it('arrive once over STARTTLS with a verified certificate and a login', async () => {
    const { ctx } = context();
    const smtp = await startSmtp();
    await configureMail(ctx, smtp.port);
    const id = await addAlert(ctx);

    expect(await deliverPendingAlerts(ctx, trusted())).toMatchObject({ delivered: 1, failed: [] });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail).toMatchObject({ from: 'finagg@example.com', to: ['family@example.com'], secure: true, user: 'me@example.com' });
    const { headers, body } = parseMail(mail.raw);
    expect(headers.get('subject')).toBe('finagg: budget groceries');
    expect(headers.get('message-id')).toBe(`<alert-${id}-${NOW}@finagg.invalid>`);
    expect(body).toContain(MESSAGE);
    expect(body).toContain(`finagg alerts ack ${id}`);
    expect(await emailRow(ctx, id)).toMatchObject({ attempts: 1, delivered_at: iso(NOW), last_error: null });

    // Delivered: later calls send nothing.
    expect(await deliverPendingAlerts(ctx, trusted())).toMatchObject({ delivered: 0, failed: [] });
    await ctx.clock.sleep(3_600_000);
    expect(await deliverPendingAlerts(ctx, trusted())).toMatchObject({ delivered: 0, failed: [] });
    expect(smtp.mails).toHaveLength(1);
  });

  it('speak TLS from the first byte where the server does (port 465, or alerts.email.tls tls)', async () => {
    const { ctx } = context();
    const tls = await startSmtp({ implicitTls: true });
    await configureMail(ctx, tls.port);
    await setSetting(ctx, 'alerts.email.tls', 'tls');
    await addAlert(ctx);
    expect(await deliverPendingAlerts(ctx, trusted())).toMatchObject({ delivered: 1, failed: [] });
    expect(tls.mails).toHaveLength(1);
    expect(tls.mails[0]!.secure).toBe(true);

    // TLS from the start to a server that waits for STARTTLS: refused, in one line.
    const starttls = await startSmtp();
    await setSetting(ctx, 'alerts.email.port', String(starttls.port));
    await addAlert(ctx);
    const summary = await deliverPendingAlerts(ctx, trusted());
    expect(summary.failed[0]!.error).toBe(
      `TLS failed with 127.0.0.1:${starttls.port}: it does not speak TLS from the start on this port (finagg config set alerts.email.tls starttls)`,
    );
    expect(starttls.mails).toHaveLength(0);
  });

  it('refuses a certificate no trusted CA signed, and sends nothing', async () => {
    const { ctx } = context();
    const smtp = await startSmtp();
    await configureMail(ctx, smtp.port);
    const id = await addAlert(ctx);
    const summary = await deliverPendingAlerts(ctx, { mail: { timeoutMs: 5_000 } });
    const error = `TLS failed with 127.0.0.1:${smtp.port}: its certificate is not trusted`;
    expect(summary.failed).toEqual([{ alertId: id, channel: 'email', error, nextAttemptAt: iso(NOW + 30_000) }]);
    expect(await emailRow(ctx, id)).toMatchObject({ delivered_at: null, last_error: error });
    expect(smtp.mails).toHaveLength(0);
  });

  it('keeps a refused login and a refused recipient as one line in the delivery, for alerts --json', async () => {
    const { home, ctx } = context();
    const smtp = await startSmtp({ rejectRecipient: 'nobody@example.com' });
    await configureMail(ctx, smtp.port);
    await setSecret(ctx, 'alerts.email.password', 'not-the-password');
    const first = await addAlert(ctx);
    const login = await deliverPendingAlerts(ctx, trusted());
    expect(login.failed).toHaveLength(1);
    expect(login.failed[0]!.error).toMatch(new RegExp(`^login refused by 127\\.0\\.0\\.1:${smtp.port} \\(535 `));

    await setSecret(ctx, 'alerts.email.password', PASSWORD);
    await setSetting(ctx, 'alerts.email.to', 'nobody@example.com');
    await ctx.clock.sleep(30_000);
    const recipient = await deliverPendingAlerts(ctx, trusted());
    expect(recipient.failed[0]!.error).toMatch(
      new RegExp(`^recipient refused by 127\\.0\\.0\\.1:${smtp.port}: nobody@example\\.com \\(550 `),
    );
    expect(smtp.mails).toHaveLength(0);

    // What `alerts --json` shows of the delivery.
    const shown = JSON.parse(
      (await runCli(['alerts', '--json'], { FINAGG_HOME: home, FINAGG_NOW: iso(NOW + 30_000), FINAGG_KEYSTORE: 'file' })).stdout,
    );
    expect(shown[0].id).toBe(first);
    expect(shown[0].deliveries).toContainEqual({
      channel: 'email',
      delivered_at: null,
      attempts: 2,
      last_error: recipient.failed[0]!.error,
      next_attempt_at: recipient.failed[0]!.nextAttemptAt,
    });
    expect((await alertDeliveries(ctx, [first])).get(first)!.map((d) => d.channel)).toEqual(['email', 'terminal']);
  });

  it('waits for a server that is down and delivers the mail once when it is up', async () => {
    const { ctx } = context();
    const port = await closedPort();
    await configureMail(ctx, port);
    const id = await addAlert(ctx);
    const down = await deliverPendingAlerts(ctx, trusted());
    expect(down.failed).toEqual([
      { alertId: id, channel: 'email', error: `connection refused by 127.0.0.1:${port}`, nextAttemptAt: iso(NOW + 30_000) },
    ]);

    const smtp = await startSmtp({ port });
    // Not due yet: nothing is sent, though the server is up.
    expect(await deliverPendingAlerts(ctx, trusted())).toMatchObject({ delivered: 0, failed: [] });
    expect(smtp.mails).toHaveLength(0);
    await ctx.clock.sleep(30_000);
    expect(await deliverPendingAlerts(ctx, trusted())).toMatchObject({ delivered: 1, failed: [] });
    await ctx.clock.sleep(3_600_000);
    expect(await deliverPendingAlerts(ctx, trusted())).toMatchObject({ delivered: 0, failed: [] });
    expect(smtp.mails).toHaveLength(1);
    expect(await emailRow(ctx, id)).toMatchObject({ attempts: 2, delivered_at: iso(NOW + 30_000), last_error: null });
  });

  // The machine's own address on its network is not loopback: a server there must offer STARTTLS.
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  it.skipIf(external === undefined)(
    'is not sent where the server offers no STARTTLS, unless the host is this machine',
    async () => {
      const { ctx } = context();
      const mails: string[] = [];
      const plain = new SMTPServer({
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, _session, callback) {
          stream.on('data', () => undefined);
          stream.on('end', () => {
            mails.push('mail');
            callback();
          });
        },
      });
      await new Promise<void>((r) => plain.listen(0, '0.0.0.0', () => r()));
      cleanups.push(() => new Promise<void>((r) => plain.close(() => r())));
      const port = (plain.server.address() as AddressInfo).port;
      await setSetting(ctx, 'alerts.email.to', 'family@example.com');
      await setSetting(ctx, 'alerts.email.host', external!);
      await setSetting(ctx, 'alerts.email.port', String(port));
      const id = await addAlert(ctx);
      const summary = await deliverPendingAlerts(ctx, trusted());
      expect(summary.failed).toEqual([
        {
          alertId: id,
          channel: 'email',
          error: `${external}:${port} does not offer STARTTLS: a plain connection is allowed only to this machine (for TLS from the start: finagg config set alerts.email.tls tls)`,
          nextAttemptAt: iso(NOW + 30_000),
        },
      ]);
      expect(mails).toHaveLength(0);
      // The same server as 127.0.0.1 is this machine: a local relay, taken in the clear.
      await setSetting(ctx, 'alerts.email.host', '127.0.0.1');
      await ctx.clock.sleep(30_000);
      expect(await deliverPendingAlerts(ctx, trusted())).toMatchObject({ delivered: 1, failed: [] });
      expect(mails).toHaveLength(1);
    },
  );
});

interface Push {
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

/** Stands in for ntfy: takes JSON publishes at its root, answering with the next status. */
async function startNtfy(statuses: number[] = []) {
  const pushes: Push[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const status = statuses[pushes.length] ?? 200;
      pushes.push({
        url: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: JSON.parse(body),
      });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { pushes, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${TOPIC}` };
}

describe('push alerts (ntfy)', () => {
  it('publish the title, message, priority and tags, with the token, once', async () => {
    const { ctx } = context();
    const ntfy = await startNtfy([502]);
    await setSetting(ctx, 'alerts.push.ntfy', ntfy.url);
    await setSecret(ctx, 'alerts.push.token', PUSH_TOKEN);
    const id = await addAlert(ctx);
    const relink = await addAlert(ctx, 'needs_relink', 'BankA needs you to log in again: finagg link banka');
    expect(await deliverPendingAlerts(ctx)).toMatchObject({ delivered: 2, failed: [] });
    // The 502 was retried at once; each alert published once.
    expect(ntfy.pushes).toHaveLength(3);
    const [budget, relinked] = ntfy.pushes.slice(1);
    expect(budget).toEqual({
      url: '/',
      authorization: `Bearer ${PUSH_TOKEN}`,
      contentType: 'application/json',
      body: { topic: TOPIC, title: 'finagg · Budget: groceries', message: MESSAGE, priority: 3, tags: ['moneybag', 'finagg'] },
    });
    expect(relinked!.body).toMatchObject({ topic: TOPIC, priority: 4, tags: ['warning', 'finagg'] });
    expect(await deliverPendingAlerts(ctx)).toMatchObject({ delivered: 0 });
    expect(ntfy.pushes).toHaveLength(3);
    const delivered = await alertDeliveries(ctx, [id, relink]);
    for (const alertId of [id, relink])
      expect(delivered.get(alertId)!.find((d) => d.channel === 'push')).toMatchObject({
        deliveredAt: iso(NOW + 500),
        attempts: 1,
      });
  });

  it('says when the token is refused, naming the host and never the topic', async () => {
    const { home, ctx } = context();
    const ntfy = await startNtfy([403]);
    await setSetting(ctx, 'alerts.push.ntfy', ntfy.url);
    await addAlert(ctx);
    const summary = await deliverPendingAlerts(ctx);
    const host = new URL(ntfy.url).host;
    expect(summary.failed[0]!.error).toBe(`HTTP 403 from ${host} (the token was refused)`);
    expect(fs.readFileSync(path.join(home, 'logs', 'finagg.log'), 'utf8')).not.toContain(TOPIC);
  });
});

describe('every alert type to every channel, once', () => {
  it('mails and pushes each type of the round once', async () => {
    const { ctx } = context();
    const smtp = await startSmtp();
    const ntfy = await startNtfy();
    await configureMail(ctx, smtp.port);
    await setSetting(ctx, 'alerts.push.ntfy', ntfy.url);
    const types: AlertType[] = [
      'budget_threshold',
      'budget_withdrawn',
      'needs_relink',
      'stream_late',
      'low_balance',
      'new_subscription',
      'stream_ended',
    ];
    for (const type of types) await addAlert(ctx, type, `a ${type} alert`);
    expect(await deliverPendingAlerts(ctx, trusted())).toMatchObject({ delivered: 14, failed: [] });
    expect(await deliverPendingAlerts(ctx, trusted())).toMatchObject({ delivered: 0, failed: [] });
    expect(smtp.mails.map((m) => parseMail(m.raw).body.split('\n')[0]).sort()).toEqual(types.map((t) => `a ${t} alert`).sort());
    expect(ntfy.pushes.map((p) => (p.body as { message: string }).message).sort()).toEqual(
      types.map((t) => `a ${t} alert`).sort(),
    );
    // A withdrawn budget alert names its budget as a budget alert does.
    const withdrawnMail = smtp.mails.map((m) => parseMail(m.raw)).find((m) => m.body.startsWith('a budget_withdrawn alert'));
    expect(withdrawnMail!.headers.get('subject')).toBe('finagg: budget groceries');
    const withdrawnPush = ntfy.pushes.find((p) => (p.body as { message: string }).message === 'a budget_withdrawn alert');
    expect(withdrawnPush!.body).toMatchObject({ title: 'finagg · Budget: groceries', priority: 2 });
  });
});

describe('alerts test', () => {
  it('sends a test alert through each configured channel and says what happened to each', async () => {
    const { ctx } = context();
    const smtp = await startSmtp();
    const ntfy = await startNtfy();
    await configureMail(ctx, smtp.port);
    await setSetting(ctx, 'alerts.push.ntfy', ntfy.url);
    expect(await testAlertChannels(ctx, undefined, trusted())).toEqual([
      { channel: 'email', ok: true, error: null },
      { channel: 'push', ok: true, error: null },
    ]);
    expect(smtp.mails).toHaveLength(1);
    expect(parseMail(smtp.mails[0]!.raw).headers.get('subject')).toBe('finagg: test alert');
    expect(parseMail(smtp.mails[0]!.raw).body).toContain('finagg test alert');
    expect(ntfy.pushes).toHaveLength(1);
    expect(ntfy.pushes[0]!.body).toMatchObject({ title: 'finagg · Test alert' });
    // Nothing stored: no alert, no outbox row.
    expect(await ctx.db.selectFrom('alerts').select('id').execute()).toEqual([]);

    expect(await testAlertChannels(ctx, 'webhook')).toEqual([
      { channel: 'webhook', ok: false, error: 'not configured: finagg config set alerts.webhook <URL>' },
    ]);
    await expect(testAlertChannels(ctx, 'pager')).rejects.toThrow(
      'invalid --channel "pager": must be one of desktop, webhook, command, email, push',
    );
  });

  it('from the CLI: one line per channel, exit 1 when one failed', async () => {
    const { home, ctx } = context();
    const ntfy = await startNtfy([404]);
    await setSetting(ctx, 'alerts.push.ntfy', ntfy.url);
    const env = { FINAGG_HOME: home, FINAGG_NOW: iso(NOW), FINAGG_KEYSTORE: 'file' };
    const r = await runCli(['alerts', 'test', '--json'], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([{ channel: 'push', ok: false, error: `HTTP 404 from ${new URL(ntfy.url).host}` }]);
    expect(r.stderr).toContain('1 of 1 alert channel failed: push');
  });
});

describe('the channel secrets', () => {
  it('are sealed, never in the settings table, config list, config get or the log', async () => {
    const { home, ctx } = context();
    const smtp = await startSmtp({ rejectRecipient: 'nobody@example.com' });
    const ntfy = await startNtfy([401]);
    await configureMail(ctx, smtp.port);
    await setSetting(ctx, 'alerts.push.ntfy', ntfy.url);
    await setSecret(ctx, 'alerts.push.token', PUSH_TOKEN);
    await addAlert(ctx);
    await deliverPendingAlerts(ctx, trusted());
    const env = { FINAGG_HOME: home, FINAGG_NOW: iso(NOW), FINAGG_KEYSTORE: 'file', FINAGG_DEBUG: '1' };
    const outputs = [
      await runCli(['config', 'list'], env),
      await runCli(['config', 'list', '--json'], env),
      await runCli(['config', 'get', 'alerts.email.password'], env),
      await runCli(['alerts', '--json'], env),
      await runCli(['alerts', 'test', '--json'], env),
    ];
    expect(outputs[2]!.code).toBe(2);
    expect(outputs[2]!.stderr).toContain('alerts.email.password is a secret');
    expect(JSON.stringify(await listSettings(ctx))).not.toContain(PASSWORD);
    const texts = [
      ...outputs.flatMap((o) => [o.stdout, o.stderr]),
      ...fs
        .readdirSync(home, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => fs.readFileSync(path.join(e.parentPath, e.name)).toString('latin1')),
    ];
    for (const text of texts) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(PUSH_TOKEN);
    }
  });
});
