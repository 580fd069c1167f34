import fs from 'node:fs';

/**
 * A bank's CSV export of `lines` card and account transactions over ten years, newest
 * first, with a running balance: the shape `finagg import` meets most (Chase-like
 * columns, month-first dates, signed amounts, store numbers in the descriptions).
 */
export function writeStatementCsv(file: string, lines: number): void {
  const merchants = [
    'STARBUCKS STORE #',
    'TRADER JOE S #',
    'SHELL OIL 5744430',
    'AMAZON MKTPL*ZT4RT',
    'UBER   *TRIP HELP.UBER.COM',
    'CHIPOTLE ',
    'WHOLEFDS SEA ',
    'SAFEWAY #',
    'CVS/PHARMACY #0',
    'THE HOME DEPOT #',
    'DOORDASH*THAI TOM ',
    'COSTCO WHSE #0',
    'TARGET 000',
    'WALGREENS #',
    'LYFT   *RIDE THU ',
  ];
  const monthly = ['NETFLIX.COM NETFLIX.COM CA', 'COMCAST CABLE COMM 800-266-2278', 'SPOTIFY USA', 'PUGET SOUND ENERGY WEB PMT'];
  let seed = 20261123;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const out: string[] = ['Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #'];
  const end = Date.UTC(2026, 10, 22);
  const days = 3650;
  let balance = 2_500_00;
  for (let i = 0; i < lines; i++) {
    const day = new Date(end - Math.floor((i / lines) * days) * 86_400_000);
    const date = `${String(day.getUTCMonth() + 1).padStart(2, '0')}/${String(day.getUTCDate()).padStart(2, '0')}/${day.getUTCFullYear()}`;
    let description: string;
    let cents: number;
    if (i % 50 === 0) {
      description = 'ACME CORP PAYROLL PPD ID: 9876543210';
      cents = 2_450_00;
    } else if (i % 37 === 0) {
      description = monthly[i % monthly.length]!;
      cents = -(1_549 + (i % 4) * 2_000);
    } else {
      description = `${merchants[Math.floor(random() * merchants.length)]}${100 + Math.floor(random() * 900)} SEATTLE WA`;
      cents = -(100 + Math.floor(random() * 15_000));
    }
    const kind = cents > 0 ? 'CREDIT' : 'DEBIT';
    out.push(
      `${kind},${date},"${description}",${(cents / 100).toFixed(2)},${kind === 'CREDIT' ? 'ACH_CREDIT' : 'DEBIT_CARD'},${(balance / 100).toFixed(2)},,`,
    );
    // Newest first: the line below shows the balance before this one.
    balance -= cents;
  }
  fs.writeFileSync(file, out.join('\n') + '\n');
}
