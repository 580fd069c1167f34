import type { SyncProgress } from '../../app/sync';
import type { Output } from './output';

/**
 * A live line per account on a terminal (stderr), rewritten in place while pages
 * arrive and left as a summary line when the account is done. Nothing on a pipe.
 */
export function syncProgress(out: Output): ((p: SyncProgress) => void) | undefined {
  if (out.stderr.isTTY !== true) return undefined;
  const c = out.color;
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let tick = 0;
  return (p) => {
    const label = `${p.provider} ${p.accountName}`.padEnd(28);
    const figures = `${p.fetched.toLocaleString('en-US')} fetched, ${p.inserted.toLocaleString('en-US')} new`;
    if (p.status === undefined) {
      out.stderr.write(`\r\u001b[2K${c.cyan(frames[tick++ % frames.length]!)} ${label} ${figures}`);
      return;
    }
    const mark =
      p.status === 'success'
        ? c.green('✓')
        : p.status === 'partial'
          ? c.yellow('!')
          : p.status === 'skipped'
            ? c.dim('-')
            : c.red('✗');
    out.stderr.write(`\r\u001b[2K${mark} ${label} ${figures}\n`);
  };
}
