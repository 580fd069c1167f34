import type { Command } from 'commander';
import type { Cli } from '../cli';
import { examples } from '../render/help';

export function registerConfig(program: Command, cli: Cli): void {
  const config = program
    .command('config')
    .description('settings: week start, alert channels, daemon interval')
    .addHelpText(
      'after',
      `
Settings:
  week_start      monday or sunday (default monday): first day of a weekly budget
  alerts.desktop  on or off (default off): desktop notifications (notify-send, osascript)
  alerts.webhook  an http:// or https:// URL (default unset): alerts are POSTed as JSON
  alerts.command  a shell command (default unset): run per alert, the alert JSON on stdin
  daemon.every    a duration from 1m to 24h (default 15m): how often the daemon syncs
  alerts.email.to, .from, .host, .port, .tls, .user
                  mail alerts over SMTP (STARTTLS on 587, TLS on 465; .tls tls|starttls)
  alerts.push.ntfy
                  an ntfy topic URL: alerts pushed to a phone

Secrets (finagg config set-secret <key>; typed without echo or piped in, never shown):
  alerts.email.password  the SMTP password
  alerts.push.token      an ntfy access token` +
        examples(
          'finagg config list',
          'finagg config set week_start sunday',
          'finagg config set alerts.webhook https://example.com/hooks/finagg',
          'finagg config set alerts.command "jq -r .message >> ~/alerts.txt"',
          'finagg config set alerts.email.host smtp.example.com',
          'finagg config set-secret alerts.email.password',
          'finagg config set alerts.push.ntfy https://ntfy.sh/my-finagg-topic',
          'finagg config unset alerts.webhook',
        ),
    );

  config
    .command('list', { isDefault: true })
    .description('every setting, its value, and whether it is the default')
    .addHelpText('after', examples('finagg config list', 'finagg config list --json'))
    .action(cli.action(() => import('../actions/config-list')));

  config
    .command('get')
    .description('print one setting (nothing on stdout when it is unset)')
    .argument('<key>', 'the setting, such as week_start')
    .addHelpText('after', examples('finagg config get daemon.every'))
    .action(cli.action(() => import('../actions/config-get')));

  config
    .command('set')
    .description('change a setting (checked first: a bad value changes nothing)')
    .argument('<key>', 'the setting, such as week_start')
    .argument('<value>', 'the new value; "" unsets alerts.webhook and alerts.command')
    .addHelpText('after', examples('finagg config set alerts.desktop on', 'finagg config set daemon.every 1h'))
    .action(cli.action(() => import('../actions/config-set')));

  config
    .command('set-secret')
    .description('store a secret (the SMTP password, the push token), sealed; read without echo or from stdin')
    .argument('<key>', 'alerts.email.password or alerts.push.token')
    .addHelpText(
      'after',
      examples(
        'finagg config set-secret alerts.email.password',
        'pass show smtp | finagg config set-secret alerts.email.password',
      ),
    )
    .action(cli.action(() => import('../actions/config-set-secret')));

  config
    .command('unset')
    .description('put a setting back to its default')
    .argument('<key>', 'the setting, such as alerts.webhook')
    .addHelpText('after', examples('finagg config unset alerts.command'))
    .action(cli.action(() => import('../actions/config-unset')));
}
