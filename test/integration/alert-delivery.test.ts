import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context';
import { deliverPendingAlerts, markTerminalDelivered } from '../../src/app/deliver-alerts';
import type { Notifier, NotifyResult } from '../../src/app/notifier';
import { setSetting } from '../../src/app/settings';
import { listAlerts } from '../../src/storage/alerts-repo';
import { addAlert as addAlertRow } from '../helpers/alerts';
import { freshHome } from '../helpers/cli';
import { cliContext } from '../helpers/context';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const MESSAGE = 'groceries: $42.50 of $50.00 spent this month (85%, crossed 80%); $7.50 left, 7 days to go';
const TOKEN = 'whk-s3cr3t-9f8e7d6c';
const NOTHING = { delivered: 0, skipped: 0, failed: [], notices: [] };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An AppContext on a fresh home with the clock fixed at NOW (sleeping advances it). */
function deliveryContext(notifier?: Notifier): { home: string; ctx: AppContext } {
  const home = freshHome();
  const base = cliContext(home, { FINAGG_HOME: home, FINAGG_NOW: iso(NOW), FINAGG_KEYSTORE: 'file', FINAGG_DEBUG: '1' });
  const ctx: AppContext = notifier ? Object.create(base, { notifier: { value: notifier } }) : base;
  cleanups.push(() => base.close());
  return { home, ctx };
}

const addAlert = (ctx: AppContext, category = 'groceries') =>
  addAlertRow(ctx, { category, message: MESSAGE, createdAt: iso(NOW) });

const deliveries = (ctx: AppContext, alertId: number) =>
  ctx.db.selectFrom('alert_deliveries').selectAll().where('alert_id', '=', alertId).orderBy('channel').execute();

const delivery = async (ctx: AppContext, alertId: number, channel: string) =>
  (await deliveries(ctx, alertId)).find((d) => d.channel === channel)!;

const logText = (home: string) => fs.readFileSync(path.join(home, 'logs', 'finagg.log'), 'utf8');

interface Hit {
  status: number;
  body: string;
  url: string;
  contentType: string | undefined;
}

/** A webhook receiver on loopback answering each POST with the next status (200 once they run out). */
async function startServer(statuses: number[], port = 0) {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const status = statuses[hits.length] ?? 200;
      hits.push({ status, body, url: req.url ?? '', contentType: req.headers['content-type'] });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  cleanups.push(() => (server.listening ? close() : undefined));
  return { hits, port: (server.address() as AddressInfo).port, close };
}

/** A loopback port with nobody listening on it. */
async function closedPort(): Promise<number> {
  const server = await startServer([]);
  await server.close();
  return server.port;
}

const webhookUrl = (port: number) => `http://127.0.0.1:${port}/hooks/T0/${TOKEN}?token=${TOKEN}`;

describe('webhook delivery', () => {
  it('retries a failing POST within the call and delivers the alert exactly once', async () => {
    const { home, ctx } = deliveryContext();
    const server = await startServer([500, 500]);
    await setSetting(ctx, 'alerts.webhook', webhookUrl(server.port));
    const id = await addAlert(ctx);

    expect(await deliverPendingAlerts(ctx)).toEqual({ ...NOTHING, delivered: 1 });
    expect(server.hits.map((h) => h.status)).toEqual([500, 500, 200]);
    const ok = server.hits.filter((h) => h.status === 200);
    expect(ok).toHaveLength(1);
    expect(ok[0]!.contentType).toBe('application/json');
    expect(ok[0]!.url).toBe(`/hooks/T0/${TOKEN}?token=${TOKEN}`);
    expect(JSON.parse(ok[0]!.body)).toEqual({
      id,
      type: 'budget_threshold',
      category: 'groceries',
      threshold: 80,
      percent: 85,
      message: MESSAGE,
      created_at: iso(NOW),
      delivered_at: null,
      acknowledged_at: null,
    });
    // Tries 0.5 s and 1 s apart on the fixed clock; one delivery call, one attempt recorded.
    expect(await deliveries(ctx, id)).toEqual([
      { alert_id: id, channel: 'terminal', attempts: 0, delivered_at: null, last_error: null, next_attempt_at: null },
      { alert_id: id, channel: 'webhook', attempts: 1, delivered_at: iso(NOW + 1500), last_error: null, next_attempt_at: null },
    ]);

    // Delivered once: later calls send nothing.
    expect(await deliverPendingAlerts(ctx)).toEqual(NOTHING);
    await ctx.clock.sleep(2 * 3_600_000);
    expect(await deliverPendingAlerts(ctx)).toEqual(NOTHING);
    expect(server.hits).toHaveLength(3);

    // The alert counts as delivered once every channel took it, the terminal too.
    expect((await listAlerts(ctx.db, { all: true }))[0]!.deliveredAt).toBeNull();
    await markTerminalDelivered(ctx, [id]);
    expect((await delivery(ctx, id, 'terminal')).delivered_at).toBe(iso(NOW + 1500 + 2 * 3_600_000));
    expect((await listAlerts(ctx.db, { all: true }))[0]!.deliveredAt).toBe(iso(NOW + 1500 + 2 * 3_600_000));
    expect(logText(home)).not.toContain(TOKEN);
  });

  it('keeps the alert while the server is down and delivers it when it comes up', async () => {
    const { home, ctx } = deliveryContext();
    const port = await closedPort();
    await setSetting(ctx, 'alerts.webhook', webhookUrl(port));
    const id = await addAlert(ctx);
    const refused = `connection refused (127.0.0.1:${port})`;

    const first = await deliverPendingAlerts(ctx);
    expect(first).toEqual({
      ...NOTHING,
      failed: [{ alertId: id, channel: 'webhook', error: refused, nextAttemptAt: iso(NOW + 1500 + 30_000) }],
    });
    expect(await delivery(ctx, id, 'webhook')).toEqual({
      alert_id: id,
      channel: 'webhook',
      attempts: 1,
      delivered_at: null,
      last_error: refused,
      next_attempt_at: iso(NOW + 1500 + 30_000),
    });

    // Not due yet: a call now leaves it alone.
    expect(await deliverPendingAlerts(ctx)).toEqual(NOTHING);

    // Due again and still down: the wait doubles.
    await ctx.clock.sleep(30_000);
    const second = await deliverPendingAlerts(ctx);
    expect(second.failed).toEqual([
      { alertId: id, channel: 'webhook', error: refused, nextAttemptAt: iso(NOW + 33_000 + 60_000) },
    ]);
    expect((await delivery(ctx, id, 'webhook')).attempts).toBe(2);

    // The server comes up; the next due call delivers it.
    const server = await startServer([], port);
    await ctx.clock.sleep(60_000);
    expect(await deliverPendingAlerts(ctx)).toEqual({ ...NOTHING, delivered: 1 });
    expect(server.hits).toHaveLength(1);
    expect(JSON.parse(server.hits[0]!.body)).toMatchObject({ id, message: MESSAGE });
    expect(await delivery(ctx, id, 'webhook')).toMatchObject({ attempts: 3, delivered_at: iso(NOW + 93_000), last_error: null });

    // The URL's token is in no log line, error or stored row; the host is.
    const log = logText(home);
    expect(log).toContain('alert.delivery_failed');
    expect(log).toContain(`host 127.0.0.1:${port}`);
    for (const text of [log, JSON.stringify(first), JSON.stringify(second), JSON.stringify(await deliveries(ctx, id))])
      expect(text).not.toContain(TOKEN);
  });

  it('gives up on a server that never answers after the timeout', async () => {
    const { ctx } = deliveryContext();
    const silent = http.createServer(() => undefined); // takes the request, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => {
      silent.closeAllConnections();
      silent.close();
    });
    const port = (silent.address() as AddressInfo).port;
    await setSetting(ctx, 'alerts.webhook', webhookUrl(port));
    const id = await addAlert(ctx);
    const summary = await deliverPendingAlerts(ctx, { webhook: { timeoutMs: 200, tries: 2 } });
    expect(summary.failed.map((f) => f.error)).toEqual([`no answer within 0.2 s (127.0.0.1:${port})`]);
    expect((await delivery(ctx, id, 'webhook')).delivered_at).toBeNull();
  });

  it('tries a dead webhook once per call, not once per alert', async () => {
    const { ctx } = deliveryContext();
    await setSetting(ctx, 'alerts.webhook', webhookUrl(await closedPort()));
    const a = await addAlert(ctx);
    const b = await addAlert(ctx, 'dining');
    const summary = await deliverPendingAlerts(ctx);
    expect(summary.failed.map((f) => f.alertId)).toEqual([a]);
    expect(await delivery(ctx, b, 'webhook')).toMatchObject({ attempts: 0, delivered_at: null, next_attempt_at: null });
  });

  it('sends once when two deliveries run at the same time', async () => {
    const { ctx } = deliveryContext();
    const server = await startServer([]);
    await setSetting(ctx, 'alerts.webhook', webhookUrl(server.port));
    const id = await addAlert(ctx);
    const [x, y] = await Promise.all([deliverPendingAlerts(ctx), deliverPendingAlerts(ctx)]);
    expect(x.delivered + y.delivered).toBe(1);
    expect(server.hits).toHaveLength(1);
    expect((await delivery(ctx, id, 'webhook')).attempts).toBe(1);
  });

  it('closes a delivery whose channel was turned off since, with a note', async () => {
    const { ctx } = deliveryContext();
    await setSetting(ctx, 'alerts.webhook', webhookUrl(await closedPort()));
    const id = await addAlert(ctx);
    await setSetting(ctx, 'alerts.webhook', '');
    expect(await deliverPendingAlerts(ctx)).toEqual({ ...NOTHING, skipped: 1 });
    expect(await delivery(ctx, id, 'webhook')).toMatchObject({
      delivered_at: iso(NOW),
      last_error: 'skipped: alerts.webhook is unset',
    });
  });
});

describe('command delivery', () => {
  const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-cmd-'));

  it('runs the command with the alert JSON on stdin', async () => {
    const { ctx } = deliveryContext();
    const file = path.join(tempDir(), 'alert.json');
    await setSetting(ctx, 'alerts.command', `cat > '${file}'; printf %s "$FINAGG_ALERT_ID" > '${file}.id'`);
    const id = await addAlert(ctx);
    expect(await deliverPendingAlerts(ctx)).toEqual({ ...NOTHING, delivered: 1 });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ id, type: 'budget_threshold', message: MESSAGE });
    expect(fs.readFileSync(`${file}.id`, 'utf8')).toBe(String(id));
    expect(await delivery(ctx, id, 'command')).toMatchObject({ attempts: 1, delivered_at: iso(NOW), last_error: null });
  });

  it('keeps the alert when the command fails, and delivers it once the command works', async () => {
    const { ctx } = deliveryContext();
    await setSetting(ctx, 'alerts.command', 'echo "relay is down" >&2; echo more >&2; exit 3');
    const id = await addAlert(ctx);
    const summary = await deliverPendingAlerts(ctx);
    expect(summary.failed).toEqual([
      { alertId: id, channel: 'command', error: 'exit 3: relay is down', nextAttemptAt: iso(NOW + 30_000) },
    ]);
    expect(await delivery(ctx, id, 'command')).toMatchObject({
      attempts: 1,
      delivered_at: null,
      last_error: 'exit 3: relay is down',
    });

    const file = path.join(tempDir(), 'alert.json');
    await setSetting(ctx, 'alerts.command', `cat > '${file}'`);
    await ctx.clock.sleep(30_000);
    expect(await deliverPendingAlerts(ctx)).toEqual({ ...NOTHING, delivered: 1 });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).id).toBe(id);
  });

  it('stops a command that runs too long', async () => {
    const { ctx } = deliveryContext();
    await setSetting(ctx, 'alerts.command', 'sleep 20');
    const id = await addAlert(ctx);
    const started = Date.now();
    const summary = await deliverPendingAlerts(ctx, { commandTimeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(summary.failed.map((f) => f.error)).toEqual(['no exit within 0.3 s']);
    expect((await delivery(ctx, id, 'command')).delivered_at).toBeNull();
  });
});

describe('desktop delivery', () => {
  function fakeNotifier(result: NotifyResult) {
    const sent: [string, string][] = [];
    const notifier: Notifier = {
      desktop: async (title, body) => {
        sent.push([title, body]);
        return result;
      },
    };
    return { notifier, sent };
  }

  it('sends through the notifier', async () => {
    const { notifier, sent } = fakeNotifier('sent');
    const { ctx } = deliveryContext(notifier);
    await setSetting(ctx, 'alerts.desktop', 'on');
    const id = await addAlert(ctx);
    expect(await deliverPendingAlerts(ctx)).toEqual({ ...NOTHING, delivered: 1 });
    expect(sent).toEqual([['finagg: groceries', MESSAGE]]);
    expect((await deliveries(ctx, id)).map((d) => d.channel)).toEqual(['desktop', 'terminal']);
  });

  it('skips with one notice on a machine without a notifier, and does not retry', async () => {
    const { notifier, sent } = fakeNotifier('unavailable');
    const { ctx } = deliveryContext(notifier);
    await setSetting(ctx, 'alerts.desktop', 'on');
    const a = await addAlert(ctx);
    await addAlert(ctx, 'dining');
    const summary = await deliverPendingAlerts(ctx);
    expect(summary).toEqual({
      delivered: 0,
      skipped: 2,
      failed: [],
      notices: [
        'desktop notifications skipped: no notify-send or osascript on this machine (finagg config set alerts.desktop off)',
      ],
    });
    expect(await delivery(ctx, a, 'desktop')).toMatchObject({
      attempts: 1,
      delivered_at: iso(NOW),
      last_error: 'skipped: no notify-send/osascript on this machine',
    });
    await ctx.clock.sleep(3_600_000);
    expect(await deliverPendingAlerts(ctx)).toEqual(NOTHING);
    expect(sent).toHaveLength(2);
  });

  it('retries a notifier that failed', async () => {
    const { notifier } = fakeNotifier('failed');
    const { ctx } = deliveryContext(notifier);
    await setSetting(ctx, 'alerts.desktop', 'on');
    const id = await addAlert(ctx);
    expect((await deliverPendingAlerts(ctx)).failed).toHaveLength(1);
    expect(await delivery(ctx, id, 'desktop')).toMatchObject({ delivered_at: null, last_error: 'the desktop notifier failed' });
  });
});
