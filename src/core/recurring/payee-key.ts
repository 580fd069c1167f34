/**
 * Who is paid, as recurring detection groups rows: the merchant (or, without one, the
 * bank's description) in capital letters only, its first four words, so store numbers
 * and reference codes do not split a payee. Stored with each row (as a number into the payees table)
 * so one payee's rows can be read alone.
 */
export function merchantKey(merchant: string | null, description: string): string {
  return (merchant ?? description)
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim()
    .split(' ')
    .slice(0, 4)
    .join(' ');
}

/** A paired transfer's payee is the other account: a monthly sweep is one payee whatever its text. */
export function transferKey(otherAccountId: number): string {
  return `account ${otherAccountId}`;
}

/** Whether a payee is another account (a merchant key has no digits). */
export function isTransferKey(payee: string): boolean {
  return /^account \d+$/.test(payee);
}
