import type { Command } from 'commander';
import * as z from '../../validation/zod';
import type { AppContext } from '../../app/context';
import { type ConsentRequest, findProvider, linkBank } from '../../app/link';
import { AppError } from '../../core/errors';
import type { CliIO } from '../io';
import { parseOptions, textValue, wholeNumber } from '../options';
import { consentPrompt } from '../consent/consent-prompt';
import { readKeyFile } from '../consent/key-file';
import { askYesNo } from '../prompt';
import { connectionBudget } from '../../app/request-budget';
import { askSecret, readAllStdin, SecretCancelled } from '../read-secret';
import { renderAccounts } from '../render/accounts-table';
import type { Output } from '../render/output';
import { syncProgress } from '../render/progress';
import { accountJson, connectionJson, syncRunJson } from '../render/shapes';
import { syncAccounts } from '../../app/sync';
import { listConnectionAccounts } from '../../storage/accounts-repo';
import { renderSyncRuns } from '../render/sync-table';

const LinkArgs = z.object({
  '<provider>': textValue(40),
  yes: z.optional(z.boolean()),
  sync: z.boolean(),
  tokenStdin: z.optional(z.boolean()),
  appId: z.optional(textValue(100)),
  keyFile: z.optional(textValue(4096)),
  bank: z.optional(textValue(140)),
  country: z.optional(textValue(10)),
  browser: z.optional(z.boolean()),
  relink: z.optional(wholeNumber(1, Number.MAX_SAFE_INTEGER)),
});

/** Options of a bank linked by consent (Enable Banking) only. */
const CONSENT_OPTIONS = ['appId', 'keyFile', 'bank', 'country', 'relink'] as const;

/** A setup token is a few hundred characters; more on stdin is not one. */
const MAX_TOKEN = 4096;

export default async function link(ctx: AppContext, out: Output, command: Command, io: CliIO): Promise<void> {
  const o = parseOptions(LinkArgs, { ...command.opts(), '<provider>': command.args[0] }, 'link');
  const provider = findProvider(ctx, o['<provider>']); // an unknown bank is refused before any prompt
  const consentGiven = CONSENT_OPTIONS.filter((k) => o[k] !== undefined);
  if (provider.link.method !== 'redirect_consent' && consentGiven.length > 0) {
    const flag = `--${consentGiven[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new AppError('usage', `${flag} is for banks linked by consent (enablebanking); ${provider.id} does not take it`);
  }
  if (o.appId !== undefined && o.keyFile === undefined)
    throw new AppError('usage', '--app-id needs --key-file (the private key your application was given)');
  if (o.keyFile !== undefined && o.appId === undefined) throw new AppError('usage', '--key-file needs --app-id');
  // Read before anything is asked of the bank: a missing or unreadable file changes nothing.
  const app =
    o.appId !== undefined && o.keyFile !== undefined
      ? { appId: o.appId, privateKeyPem: readKeyFile(o.keyFile, io.cwd) }
      : undefined;
  if (o.tokenStdin && provider.link.method !== 'setup_token') {
    throw new AppError(
      'usage',
      `--token-stdin is for banks linked with a setup token; ${provider.id} links by approving at the bank`,
      `finagg link ${provider.id}${o.yes ? ' --yes' : ''}`,
    );
  }
  const confirm = async (consent: ConsentRequest): Promise<boolean> => {
    if (o.yes) return true;
    if (!io.stdin.isTTY) {
      throw new AppError('usage', `cannot ask for consent to link ${consent.bankName}: no terminal`, 'approve with --yes');
    }
    out.notice(`\n${out.color.bold(consent.bankName)} asks you to allow finagg to:`);
    for (const scope of consent.scopes) out.notice(`  - ${describeScope(scope)} (${scope})`);
    out.notice(out.color.dim(`  at ${consent.endpoint}`));
    return askYesNo(io, 'Approve? [y/N] ');
  };
  // A setup token never comes from argv (other users can read a process's arguments):
  // from the terminal without echo, or from stdin when asked.
  const setupToken = async (request: { bankName: string; tokenPage: string }): Promise<string> => {
    if (o.tokenStdin) {
      const text = await readAllStdin(io, MAX_TOKEN);
      if (text.length > MAX_TOKEN) throw new AppError('invalid_input', `setup token: longer than ${MAX_TOKEN} characters`);
      return text;
    }
    if (!io.stdin.isTTY) {
      throw new AppError(
        'usage',
        `cannot ask for the ${request.bankName} setup token: no terminal`,
        'pipe it in with --token-stdin; it is never taken from the command line',
      );
    }
    out.notice(`Make a setup token at ${request.tokenPage}, then paste it here (it is not shown).`);
    try {
      return await askSecret(io, 'Setup token: ');
    } catch (error) {
      if (error instanceof SecretCancelled) throw new AppError('usage', 'cancelled; nothing was linked');
      throw error;
    }
  };
  const result = await linkBank(ctx, {
    providerId: o['<provider>'],
    confirm,
    setupToken,
    relink: o.relink,
    consent: {
      app,
      bank: o.bank,
      country: o.country,
      consentRedirect: consentPrompt(io, out, { browser: o.browser !== false }),
    },
  });
  for (const reason of result.skippedAccounts)
    out.notice(out.color.yellow(`skipped an account the bank sent malformed: ${reason}`));
  // The first sync, unless asked not to: a linked bank with no history is of little use.
  const runs = o.sync
    ? await syncAccounts(ctx, {
        connection: String(result.connection.id),
        full: false,
        trigger: 'manual',
        onProgress: syncProgress(out),
      })
    : [];
  // Balances as the sync left them.
  const accounts = runs.length > 0 ? await listConnectionAccounts(ctx.db, result.connection.id) : result.accounts;
  if (out.json) {
    const budget = connectionBudget(ctx, result.connection.id, ctx.providers.get(result.connection.provider));
    const body: Record<string, unknown> = {
      connection: connectionJson(result.connection, budget),
      accounts: accounts.map((a) => accountJson(a)),
    };
    if (o.sync) body.runs = runs.map(syncRunJson);
    return out.data(body);
  }
  const count = `${accounts.length} account${accounts.length === 1 ? '' : 's'}`;
  out.line(
    `${result.repaired ? 'Relinked' : 'Linked'} ${result.connection.provider} (connection ${result.connection.id}) with ${count}:`,
  );
  out.line(renderAccounts(accounts, out.color));
  if (runs.length > 0) {
    out.line();
    out.line(renderSyncRuns(runs, new Map(accounts.map((a) => [a.id, a.name])), out.color));
  }
}

function describeScope(scope: string): string {
  const known: Record<string, string> = {
    'accounts:read': 'read your accounts and balances',
    'transactions:read': 'read your transactions',
  };
  return known[scope] ?? scope;
}
