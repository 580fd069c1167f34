import { SIM_BANKS, type SimBankId } from './banks';
import { rngFor, type Rng } from './rng';

/** One account of the household (household.ts) at one bank. */
export interface SimAccount {
  /** Stable internal name, part of every event id: `banka-checking`. */
  key: string;
  bank: SimBankId;
  /** 0..6 over all banks, mixed into the account's random streams. */
  index: number;
  type: 'checking' | 'savings' | 'credit';
  currency: 'USD' | 'EUR';
  name: string;
  /** The bank's own id of the account (BankA acct_id, BankB account_number, BankC IBAN). */
  providerAccountId: string;
  /** Last four digits, as statements print them. */
  mask: string;
}

interface AccountDef {
  bank: SimBankId;
  index: number;
  type: SimAccount['type'];
  name: string;
}

const DEFS: readonly AccountDef[] = [
  { bank: 'banka', index: 0, type: 'checking', name: 'Everyday Checking' }, // joint
  { bank: 'banka', index: 1, type: 'savings', name: 'High Yield Savings' },
  { bank: 'banka', index: 2, type: 'credit', name: 'Cash Rewards Visa' }, // Lena's
  { bank: 'bankb', index: 3, type: 'checking', name: 'Online Checking' }, // Daniel's
  { bank: 'bankb', index: 4, type: 'credit', name: 'Platinum Mastercard' },
  { bank: 'bankc', index: 5, type: 'checking', name: 'Girokonto' },
  { bank: 'bankc', index: 6, type: 'savings', name: 'Tagesgeld' },
];

function digits(rng: Rng, count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += String(rng.int(0, 9));
  return text;
}

/** A German IBAN with correct check digits (ISO 13616 mod 97). */
export function germanIban(bankCode: string, accountNumber: string): string {
  const bban = bankCode + accountNumber.padStart(10, '0');
  // Letters count as two digits: D = 13, E = 14.
  const numeric = `${bban}131400`;
  let remainder = 0;
  for (const ch of numeric) remainder = (remainder * 10 + Number(ch)) % 97;
  const check = String(98 - remainder).padStart(2, '0');
  return `DE${check}${bban}`;
}

function providerId(def: AccountDef, rng: Rng): string {
  switch (def.bank) {
    case 'banka':
      return `ACCT${digits(rng, 10)}`;
    case 'bankb':
      return digits(rng, 12);
    case 'bankc':
      return germanIban('99912345', digits(rng, 10));
  }
}

export function buildAccounts(bank: SimBankId, seed: number): SimAccount[] {
  const info = SIM_BANKS[bank];
  return DEFS.filter((def) => def.bank === bank).map((def) => {
    const id = providerId(def, rngFor(seed, 'account-id', def.index));
    return {
      key: `${bank}-${def.type}`,
      bank,
      index: def.index,
      type: def.type,
      currency: info.currency,
      name: def.name,
      providerAccountId: id,
      mask: id.slice(-4),
    };
  });
}
