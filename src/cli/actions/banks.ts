import type { Command } from 'commander';
import * as z from '../../validation/zod';
import { saveAppCredentials } from '../../app/consent/app-credentials';
import { applicationFor, countryCode } from '../../app/consent/consent-link';
import type { AppContext } from '../../app/context';
import { findProvider, linkFailure } from '../../app/link';
import { AppError } from '../../core/errors';
import { readKeyFile } from '../consent/key-file';
import type { CliIO } from '../io';
import { parseOptions, textValue } from '../options';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';

const BanksArgs = z.object({
  country: textValue(10),
  search: z.optional(textValue(140)),
  appId: z.optional(textValue(100)),
  keyFile: z.optional(textValue(4096)),
});

/**
 * `finagg banks --country DE [--search text]`: the banks Enable Banking reaches in a
 * country (GET /aspsps), so a person finds the exact name `link --bank` wants, and the
 * longest consent each allows (finagg asks for that, at most 180 days).
 */
export default async function banks(ctx: AppContext, out: Output, command: Command, io: CliIO): Promise<void> {
  const o = parseOptions(BanksArgs, command.opts(), 'banks');
  const country = countryCode(o.country);
  if ((o.appId === undefined) !== (o.keyFile === undefined)) throw new AppError('usage', '--app-id and --key-file go together');
  const provider = findProvider(ctx, 'enablebanking');
  if (provider.link.method !== 'redirect_consent') throw new AppError('internal', 'enablebanking does not link by consent');
  const link = provider.link;
  const given = o.appId !== undefined ? { appId: o.appId, privateKeyPem: readKeyFile(o.keyFile!, io.cwd) } : undefined;
  const app = await applicationFor(ctx, link, given);
  const wanted = o.search?.trim().toLowerCase();
  const listed = await link.banks(app, country).catch((error: unknown) => {
    throw linkFailure(provider, error);
  });
  const found = listed
    .filter((b) => wanted === undefined || b.name.toLowerCase().includes(wanted))
    .sort((a, b) => a.name.localeCompare(b.name));
  // The aggregator accepted the application: it is kept (sealed) for the link that follows.
  if (given) await saveAppCredentials(ctx, app);
  const rows = found.map((b) => ({
    name: b.name,
    country: b.country,
    maximum_consent_days: Math.floor(b.maximumConsentSeconds / 86_400),
    psu_types: b.psuTypes,
    beta: b.beta,
  }));
  if (out.json) return out.data(rows);
  if (rows.length === 0) {
    return out.line(`no bank${wanted ? ` with ${JSON.stringify(o.search)} in its name` : ''} in ${country} at Enable Banking`);
  }
  out.line(
    renderTable(
      rows,
      [
        { header: 'BANK', value: (b) => b.name },
        { header: 'COUNTRY', value: (b) => b.country },
        { header: 'LONGEST CONSENT', value: (b) => `${b.maximum_consent_days} days`, align: 'right' },
        { header: 'FOR', value: (b) => b.psu_types.join(', ') },
        // Only when one is: a column of blanks says nothing.
        ...(rows.some((b) => b.beta) ? [{ header: '', value: (b: (typeof rows)[number]) => (b.beta ? 'beta' : '') }] : []),
      ],
      out.color,
    ),
  );
  out.notice(out.color.dim(`link one: finagg link enablebanking --bank "<name>" --country ${country}`));
}
