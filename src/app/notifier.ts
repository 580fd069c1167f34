import { spawn } from 'node:child_process';

export type NotifyResult = 'sent' | 'unavailable' | 'failed';

/** Desktop notifications; the other alert channels (webhook, command) live with alerts. */
export interface Notifier {
  desktop(title: string, body: string): Promise<NotifyResult>;
}

/**
 * notify-send on Linux, osascript on macOS; `unavailable` when neither exists, so the
 * caller can say so once instead of failing.
 */
export function systemNotifier(platform: NodeJS.Platform = process.platform): Notifier {
  return {
    desktop(title, body) {
      const [cmd, args] =
        platform === 'darwin'
          ? ['osascript', ['-e', `display notification ${JSON.stringify(body)} with title ${JSON.stringify(title)}`]]
          : ['notify-send', ['--app-name=finagg', title, body]];
      return new Promise((resolve) => {
        const child = spawn(cmd, args, { stdio: 'ignore' });
        child.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT' ? 'unavailable' : 'failed'));
        child.on('exit', (code) => resolve(code === 0 ? 'sent' : 'failed'));
      });
    },
  };
}
