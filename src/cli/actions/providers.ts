import type { AppContext } from '../../app/context';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';

export default function providers(ctx: AppContext, out: Output): void {
  const rows = [...ctx.providers.values()].map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    link: p.link.method,
    requests_per_day: p.limits?.requestsPerDay ?? null,
    // PSD2: reads of an account a day without the person (Enable Banking: 4).
    syncs_per_account_per_day: p.limits?.syncsPerAccountPerDay ?? null,
  }));
  if (out.json) return out.data(rows);
  out.line(
    renderTable(
      rows,
      [
        { header: 'ID', value: (p) => p.id },
        { header: 'NAME', value: (p) => p.name },
        { header: 'KIND', value: (p) => p.kind },
        {
          header: 'LINK',
          value: (p) =>
            p.link === 'oauth_code'
              ? 'OAuth at the bank'
              : p.link === 'setup_token'
                ? 'setup token'
                : 'consent at the bank (PSD2)',
        },
      ],
      out.color,
    ),
  );
}
