/** The three simulated banks: who they are and which calendar they keep. */
export const SIM_BANK_IDS = ['banka', 'bankb', 'bankc'] as const;
export type SimBankId = (typeof SIM_BANK_IDS)[number];

export interface SimBankInfo {
  id: SimBankId;
  /** Small integer mixed into every random stream of the bank. */
  index: number;
  name: string;
  /** The bank's calendar is a fixed UTC offset: its days start at local midnight. */
  utcOffsetMinutes: number;
  region: 'us' | 'eu';
  currency: 'USD' | 'EUR';
}

export const SIM_BANKS: Readonly<Record<SimBankId, SimBankInfo>> = {
  banka: { id: 'banka', index: 0, name: 'BankA (US retail bank)', utcOffsetMinutes: -300, region: 'us', currency: 'USD' },
  bankb: { id: 'bankb', index: 1, name: 'BankB (US online bank)', utcOffsetMinutes: -480, region: 'us', currency: 'USD' },
  bankc: { id: 'bankc', index: 2, name: 'BankC (European bank)', utcOffsetMinutes: 60, region: 'eu', currency: 'EUR' },
};
