import type { AlertChannel } from './alert';
import type { Settings } from './settings';

/**
 * Which channels owe a new alert delivery, from the settings at the moment it fires: the
 * terminal always (the CLI shows it after sync), the others when configured. One outbox
 * row is written per channel, so each is delivered, retried and tracked on its own.
 */
export function alertChannels(settings: Settings): AlertChannel[] {
  const channels: AlertChannel[] = ['terminal'];
  if (settings['alerts.desktop']) channels.push('desktop');
  if (settings['alerts.webhook'] !== null) channels.push('webhook');
  if (settings['alerts.command'] !== null) channels.push('command');
  if (mailConfigured(settings)) channels.push('email');
  if (settings['alerts.push.ntfy'] !== null) channels.push('push');
  return channels;
}

/** Mail goes out once there is somewhere to send it and someone to send it to. */
export function mailConfigured(settings: Settings): boolean {
  return settings['alerts.email.to'] !== null && settings['alerts.email.host'] !== null;
}

const FIRST_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 3_600_000;

/**
 * How long a channel waits after its `attempts`-th failed delivery before the next
 * call tries again: 30 s, doubling, at most an hour. A channel that stays down is
 * tried about once an hour for as long as it takes; the alert is never dropped.
 */
export function deliveryBackoffMs(attempts: number): number {
  return Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** The first non-empty line of some text, cut short: for `last_error`, which is read as one line. */
export function firstLine(text: string, max = 200): string {
  const line =
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== '') ?? '';
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}
