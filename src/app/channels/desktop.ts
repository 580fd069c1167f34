import type { Alert } from '../../core/alert';
import type { Notifier } from '../notifier';
import { type ChannelOutcome, delivered, failed, skipped } from './outcome';

export const NO_DESKTOP_NOTIFIER = 'skipped: no notify-send/osascript on this machine';

/**
 * A desktop notification. A machine without notify-send or osascript will not grow one
 * by retrying, so the delivery is closed as skipped and the caller says so once.
 */
export async function notifyDesktop(notifier: Notifier, alert: Alert): Promise<ChannelOutcome> {
  const title = alert.category ? `finagg: ${alert.category}` : 'finagg';
  const result = await notifier.desktop(title, alert.message);
  if (result === 'sent') return delivered;
  if (result === 'unavailable') return skipped(NO_DESKTOP_NOTIFIER);
  return failed('the desktop notifier failed');
}
