import { describe, expect, it } from 'vitest';
import { alertChannels, deliveryBackoffMs, firstLine } from '../../../src/core/alert-delivery';
import { formatDuration, parseDuration } from '../../../src/core/duration';
import { DEFAULT_SETTINGS, settingSpec, settingsFrom, webhookHost } from '../../../src/core/settings';

const check = (key: string, text: string) => settingSpec(key)!.check(text);

describe('durations', () => {
  it.each([
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['90s', 90_000],
    [' 2H ', 7_200_000],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '15', 'm', '1d', '15 m', '-5m', '1.5h', 'abc'])('%j is not a duration', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  it('formats the shortest form', () => {
    expect(formatDuration(900_000)).toBe('15m');
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(86_400_000)).toBe('24h');
  });
});

describe('the settings registry', () => {
  it('has defaults for everything', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      week_start: 'monday',
      'alerts.desktop': false,
      'alerts.webhook': null,
      'alerts.command': null,
      'daemon.every': 900_000,
      'alerts.low_balance': null,
      'alerts.email.to': null,
      'alerts.email.from': null,
      'alerts.email.host': null,
      'alerts.email.port': 587,
      'alerts.email.tls': null,
      'alerts.email.user': null,
      'alerts.push.ntfy': null,
      'enablebanking.redirect_url': 'http://localhost:8765/enablebanking',
      'currency.home': null,
      'backup.to': null,
      'backup.keep': { daily: 7, weekly: 4, monthly: 12 },
      'backup.recipient': null,
    });
  });

  it('takes backup targets as absolute folders or rclone remotes, and a keep policy of days, weeks and months', () => {
    expect(check('backup.to', '/mnt/nas/finagg, rclone:b2:bucket/finagg')).toEqual({
      ok: true,
      text: '/mnt/nas/finagg,rclone:b2:bucket/finagg',
    });
    expect(check('backup.to', 'relative/dir').ok).toBe(false);
    expect(check('backup.to', 'rclone:no-path').ok).toBe(false);
    // The same reading as --to: a remote name rclone would refuse is refused when set, not at backup time.
    expect(check('backup.to', 'rclone:-b2:bucket')).toEqual({
      ok: false,
      reason: expect.stringContaining('is not an rclone remote name'),
    });
    expect(check('backup.keep', '12m, 7d')).toEqual({ ok: true, text: '7d,12m' });
    expect(check('backup.keep', '0d').ok).toBe(false);
    expect(check('backup.recipient', 'age1' + 'q'.repeat(58)).ok).toBe(true);
    expect(check('backup.recipient', 'AGE-SECRET-KEY-1' + 'Q'.repeat(58)).ok).toBe(false);
  });

  it('takes a home currency that ISO 4217 knows, upper-cased', () => {
    expect(check('currency.home', 'eur')).toEqual({ ok: true, text: 'EUR' });
    expect(check('currency.home', 'XYZ').ok).toBe(false);
    expect(check('currency.home', 'dollars').ok).toBe(false);
  });

  it('takes an Enable Banking redirect URL over https, or over http to this machine only', () => {
    expect(check('enablebanking.redirect_url', 'https://me.example.org/finagg')).toEqual({
      ok: true,
      text: 'https://me.example.org/finagg',
    });
    expect(check('enablebanking.redirect_url', 'http://127.0.0.1:9000/cb')).toEqual({
      ok: true,
      text: 'http://127.0.0.1:9000/cb',
    });
    expect(check('enablebanking.redirect_url', 'http://me.example.org/finagg').ok).toBe(false);
    expect(check('enablebanking.redirect_url', 'https://me.example.org/cb?x=1').ok).toBe(false);
    expect(check('enablebanking.redirect_url', 'not a url').ok).toBe(false);
  });

  it('checks the mail and push settings', () => {
    expect(check('alerts.email.to', ' a@example.com , b@example.org ')).toEqual({
      ok: true,
      text: 'a@example.com,b@example.org',
    });
    expect(check('alerts.email.to', 'a@example.com, nope')).toEqual({
      ok: false,
      reason: '"nope" is not a mail address such as you@example.com',
    });
    expect(check('alerts.email.from', 'Finagg <f@example.com>').ok).toBe(false);
    expect(check('alerts.email.host', 'SMTP.Example.com')).toEqual({ ok: true, text: 'smtp.example.com' });
    for (const bad of ['smtp://x.com', 'x.com:587', 'a b', '-x.com', ''])
      expect(check('alerts.email.host', bad).ok, bad).toBe(false);
    expect(check('alerts.email.port', '465')).toEqual({ ok: true, text: '465' });
    for (const bad of ['0', '65536', '58a', '-1']) expect(check('alerts.email.port', bad).ok, bad).toBe(false);
    expect(check('alerts.push.ntfy', 'https://ntfy.sh/my-topic')).toEqual({ ok: true, text: 'https://ntfy.sh/my-topic' });
    // Plain http only to this machine; a URL without a topic names nothing.
    expect(check('alerts.push.ntfy', 'http://127.0.0.1:2580/t').ok).toBe(true);
    expect(check('alerts.push.ntfy', 'http://ntfy.example.com/t')).toEqual({
      ok: false,
      reason: 'must be an https:// URL (plain http only to this machine)',
    });
    expect(check('alerts.push.ntfy', 'https://ntfy.sh/')).toEqual({
      ok: false,
      reason: 'must name the topic: https://ntfy.sh/your-topic',
    });
  });

  it('turns mail and push on when they have somewhere to go', () => {
    expect(alertChannels(settingsFrom({ 'alerts.email.to': 'a@example.com' }))).toEqual(['terminal']);
    expect(
      alertChannels(
        settingsFrom({
          'alerts.email.to': 'a@example.com',
          'alerts.email.host': 'smtp.example.com',
          'alerts.push.ntfy': 'https://ntfy.sh/t',
        }),
      ),
    ).toEqual(['terminal', 'email', 'push']);
  });

  it('checks and normalizes values', () => {
    expect(check('week_start', 'Sunday')).toEqual({ ok: true, text: 'sunday' });
    expect(check('week_start', 'tuesday')).toEqual({ ok: false, reason: 'must be monday or sunday' });
    expect(check('alerts.desktop', 'ON')).toEqual({ ok: true, text: 'on' });
    expect(check('alerts.desktop', 'yes')).toEqual({ ok: false, reason: 'must be on or off' });
    expect(check('daemon.every', '60m')).toEqual({ ok: true, text: '1h' });
    expect(check('daemon.every', '24h')).toEqual({ ok: true, text: '24h' });
    for (const bad of ['30s', '59s', '24h1m', '2d', ''])
      expect(check('daemon.every', bad)).toEqual({ ok: false, reason: 'must be a duration from 1m to 24h, such as 15m or 1h' });
  });

  it('takes http and https webhooks only, without credentials', () => {
    expect(check('alerts.webhook', 'https://hooks.example.com/t/abc?x=1').ok).toBe(true);
    expect(check('alerts.webhook', 'http://127.0.0.1:8080/').ok).toBe(true);
    for (const bad of ['ftp://example.com/', 'example.com/hook', 'https://', 'https://exa mple.com/', 'javascript:alert(1)'])
      expect(check('alerts.webhook', bad)).toEqual({ ok: false, reason: 'must be an http:// or https:// URL' });
    expect(check('alerts.webhook', 'https://user:pw@example.com/').ok).toBe(false);
  });

  it('takes a one-line command', () => {
    expect(check('alerts.command', '  cat >> ~/alerts.json ')).toEqual({ ok: true, text: 'cat >> ~/alerts.json' });
    expect(check('alerts.command', 'a\nb').ok).toBe(false);
    expect(check('alerts.command', '').ok).toBe(false);
  });

  it('logs a webhook by its host only', () => {
    expect(webhookHost('https://hooks.example.com:8443/services/T0/B0/s3cret?token=x')).toBe('hooks.example.com:8443');
    expect(settingSpec('alerts.webhook')!.logValue('https://h.example/s3cret')).toBe('host h.example');
    expect(settingSpec('alerts.command')!.logValue('curl -H "Authorization: x"')).toBeUndefined();
  });
});

describe('alert channels', () => {
  it('always include the terminal, the others when set', () => {
    expect(alertChannels(DEFAULT_SETTINGS)).toEqual(['terminal']);
    const all = settingsFrom({ 'alerts.desktop': 'on', 'alerts.webhook': 'https://x.example/', 'alerts.command': 'true' });
    expect(alertChannels(all)).toEqual(['terminal', 'desktop', 'webhook', 'command']);
  });

  it('back off from 30 s, doubling, to at most an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(deliveryBackoffMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });

  it('keep one line of an error', () => {
    expect(firstLine('\n  first problem  \nsecond')).toBe('first problem');
    expect(firstLine('x'.repeat(300))).toHaveLength(200);
  });
});
