// Where the household spends: bank-style descriptions as card networks print them, with the
// clean payee a bridge adds to most rows (not all: ATM and pharmacy rows have none).

export interface Merchant {
  readonly description: string;
  readonly payee?: string;
  readonly memo?: string;
  /** Possible amounts in minor units (positive; spending is made negative by the caller). */
  readonly prices: readonly number[] | { readonly min: number; readonly max: number };
  /** Coffee and cash are priced in round amounts and sent in the short form ("-3.5", "-60"). */
  readonly short?: boolean;
}

/** Debit-card and cash spending from the USD checking account. */
export const checkingMerchants: readonly Merchant[] = [
  { description: "POS DEBIT TRADER JOE'S #552 SAN FRANCISCO CA", payee: "Trader Joe's", prices: { min: 1_800, max: 9_500 } },
  { description: 'POS DEBIT SAFEWAY #1711 SAN FRANCISCO CA', payee: 'Safeway', prices: { min: 1_200, max: 12_000 } },
  {
    description: 'SQ *BLUE BOTTLE COFFEE SAN FRANCISCO CA',
    payee: 'Blue Bottle Coffee',
    prices: [350, 425, 475, 550, 600],
    short: true,
  },
  { description: 'CHECKCARD 0412 WALGREENS #3021 SAN FRANCISCO CA', prices: { min: 500, max: 4_000 } },
  { description: 'ATM WITHDRAWAL 000123 MARKET ST SAN FRANCISCO CA', memo: 'Cash', prices: [4_000, 6_000, 10_000], short: true },
  { description: 'POS DEBIT SHELL OIL 57442 DALY CITY CA', payee: 'Shell', prices: { min: 3_000, max: 7_500 } },
];

/** Purchases on the USD credit card. */
export const cardMerchants: readonly Merchant[] = [
  { description: 'UBER *TRIP HELP.UBER.COM CA', payee: 'Uber', prices: { min: 900, max: 4_500 } },
  { description: 'AMAZON MKTPL*2K4L09 AMZN.COM/BILL WA', payee: 'Amazon', prices: { min: 1_000, max: 14_000 } },
  { description: 'DOORDASH*THAI HOUSE SAN FRANCISCO CA', payee: 'DoorDash', prices: { min: 2_200, max: 6_500 } },
  { description: 'TST* TARTINE BAKERY SAN FRANCISCO CA', payee: 'Tartine Bakery', prices: { min: 800, max: 3_000 } },
  { description: 'WHOLEFDS MKT #10234 SAN FRANCISCO CA', payee: 'Whole Foods Market', prices: { min: 1_500, max: 11_000 } },
  { description: 'CVS/PHARMACY #09922 SAN FRANCISCO CA', prices: { min: 400, max: 3_500 } },
];

/** Debit spending from the CAD chequing account. */
export const chequingMerchants: readonly Merchant[] = [
  { description: 'LOBLAWS #1042 TORONTO ON', payee: 'Loblaws', prices: { min: 1_500, max: 13_000 } },
  { description: 'TIM HORTONS #2231 TORONTO ON', payee: 'Tim Hortons', prices: [210, 250, 320, 400], short: true },
  { description: 'PRESTO FARE/Z4A2B TORONTO ON', payee: 'Presto', prices: [330] },
  { description: 'INTERAC E-TRF SENT', memo: 'Dinner split', prices: { min: 2_000, max: 8_000 } },
  { description: 'SHOPPERS DRUG MART #0817 TORONTO ON', payee: 'Shoppers Drug Mart', prices: { min: 600, max: 4_500 } },
  { description: 'LCBO/RAO #0217 TORONTO ON', payee: 'LCBO', prices: { min: 1_400, max: 6_000 } },
];
