import type { AppContext } from '../../app/context';
import { runDoctor } from '../../app/doctor';
import type { Output } from '../render/output';

export default async function doctor(ctx: AppContext, out: Output): Promise<void> {
  const report = await runDoctor(ctx);
  out.data(report);
  if (out.json) return;
  const c = out.color;
  const applied = report.migrations_applied;
  out.line(`home        ${report.home}`);
  out.line(`database    ${report.db_path}`);
  out.line(
    `schema      ${report.schema_version === null ? c.red('unreadable') : `version ${report.schema_version}`}${applied.length ? c.yellow(` (just migrated: ${applied.join(', ')})`) : ''}`,
  );
  out.line(`integrity   ${report.integrity === 'ok' ? c.green('ok') : c.red(report.integrity.join('; '))}`);
  out.line(`key store   ${report.key_store}`);
  const d = report.daemon;
  out.line(`daemon      ${d === null ? 'unknown' : d.running ? c.green(`running (pid ${d.pid})`) : 'not running'}`);
  const latest = report.backups[0];
  out.line(
    `backups     ${latest ? `${report.backups.length}, latest ${latest.path}` : 'none (finagg backup makes one; the daemon makes one a day)'}`,
  );
  for (const t of report.backup_targets) {
    const last =
      t.last_backup_at === null
        ? 'no backup yet'
        : `last ${t.last_backup_at.slice(0, 16).replace('T', ' ')}, ${ageText(t.age_hours!)} ago`;
    const failed = t.last_error !== null && (t.last_backup_at === null || t.last_error_at! > t.last_backup_at);
    out.line(
      `target      ${t.target}: ${failed ? c.yellow(`${last}; failed since ${t.last_error_at!.slice(0, 16).replace('T', ' ')}`) : last}`,
    );
  }
  for (const a of report.alerts)
    out.line(
      `${(a.channel === 'email' ? 'mail' : 'push').padEnd(12)}${a.ok ? `${c.green('ok')} ${a.check}: ${a.detail}` : c.yellow(`warning ${a.check}: ${a.problem}`)}`,
    );
  for (const problem of report.problems) out.line(c.yellow(`problem: ${problem}`));
}

function ageText(hours: number): string {
  return hours < 48 ? `${Math.round(hours)} h` : `${Math.floor(hours / 24)} days`;
}
