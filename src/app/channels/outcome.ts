/**
 * What one channel did with one alert. `skipped` counts as delivered (the row is closed
 * with a note), so a channel that cannot work here is not retried forever.
 */
export type ChannelOutcome = { kind: 'delivered' } | { kind: 'skipped'; note: string } | { kind: 'failed'; error: string };

export const delivered: ChannelOutcome = { kind: 'delivered' };
export const skipped = (note: string): ChannelOutcome => ({ kind: 'skipped', note });
export const failed = (error: string): ChannelOutcome => ({ kind: 'failed', error });
