/**
 * ISO 4217 currency codes, to refuse a code that names no currency (a typo, a ticker) before
 * a rate is stored under it. The active codes of the standard's list one (funds, metals and
 * the special codes included, as the standard lists them), and the codes withdrawn that a
 * reference rate file still carries: the ECB quoted the Cyprus pound or the Slovak koruna
 * until those countries joined the euro, and its history files keep those columns.
 */
const ACTIVE = `
AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP
BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD
JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND
TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB
XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG`;

/**
 * Withdrawn codes a file of rates may still hold: those the ECB quoted before the euro
 * replaced them (CYP, EEK, HRK, LTL, LVL, MTL, SIT, SKK) or a redenomination did (ROL, TRL),
 * and those withdrawn in the last few years, whose rates a person's older files hold.
 */
const FORMER = `
ANG BYR CUC CYP EEK HRK LTL LVL MRO MTL ROL SIT SKK SLL STD TRL VEF ZWL`;

const codes = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

export const ACTIVE_CURRENCY_CODES: ReadonlySet<string> = codes(ACTIVE);
export const FORMER_CURRENCY_CODES: ReadonlySet<string> = codes(FORMER);

/** An ISO 4217 code in use today. */
export function isActiveCurrencyCode(code: string): boolean {
  return ACTIVE_CURRENCY_CODES.has(code);
}

/** A code a rate may be stored under: an active one, or a withdrawn one that rate files still carry. */
export function isCurrencyCode(code: string): boolean {
  return ACTIVE_CURRENCY_CODES.has(code) || FORMER_CURRENCY_CODES.has(code);
}
