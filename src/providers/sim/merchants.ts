import type { SpendingLine } from './household';

type SpendingLineName = SpendingLine['line'];

/**
 * Who the simulated customer pays, and how each payee shows on a statement. Descriptor
 * templates: `#` is a digit fixed per customer (a store number), `@` a character drawn
 * fresh for every purchase (an order code), `%` the customer's city.
 */
export type SimCategory =
  | 'income'
  | 'groceries'
  | 'dining'
  | 'gas'
  | 'transport'
  | 'shopping'
  | 'subscriptions'
  | 'utilities'
  | 'home'
  | 'health'
  | 'entertainment'
  | 'travel'
  | 'transfer'
  | 'cash'
  | 'p2p'
  | 'fees';

/** How the money moved; card payments are authorized first and post later. */
export type Channel = 'card' | 'ach' | 'transfer' | 'atm' | 'p2p' | 'fee' | 'interest';

export interface MerchantSpec {
  /** The clean name, as a merchant field shows it. */
  name: string;
  /** The legal name a European bank shows as the counterparty (defaults to name). */
  legal: string;
  category: SimCategory;
  template: string;
  /** Magnitude range in cents; the amount is a multiple of `step`. */
  min: number;
  max: number;
  step: number;
  weight: number;
  channel: Channel;
  /** Money in (round-ups into savings), otherwise money out. */
  credit: boolean;
  /** A sit-down restaurant, where a tip may be added when the charge posts. */
  tip: boolean;
}

type Options = Partial<Pick<MerchantSpec, 'legal' | 'step' | 'channel' | 'credit' | 'tip'>>;

function m(
  name: string,
  category: SimCategory,
  template: string,
  min: number,
  max: number,
  weight: number,
  options: Options = {},
): MerchantSpec {
  return {
    name,
    legal: options.legal ?? name,
    category,
    template,
    min,
    max,
    step: options.step ?? 1,
    weight,
    channel: options.channel ?? 'card',
    credit: options.credit ?? false,
    tip: options.tip ?? false,
  };
}

const US_CARD: readonly MerchantSpec[] = [
  // A weekly shop and top-ups in between: about nine trips a month.
  m('Whole Foods Market', 'groceries', 'WHOLEFDS MKT ##### %', 2500, 11000, 3),
  m("Trader Joe's", 'groceries', 'TRADER JOE S #### %', 2000, 9000, 3),
  m('Safeway', 'groceries', 'SAFEWAY #### %', 2000, 10000, 2),
  m('Kroger', 'groceries', 'KROGER #### %', 2000, 10000, 2),
  m('Costco', 'groceries', 'COSTCO WHSE #### %', 8000, 25000, 1),
  m('Starbucks', 'dining', 'STARBUCKS STORE ##### %', 450, 950, 4),
  m('Blue Bottle Coffee', 'dining', 'SQ *BLUE BOTTLE COFFEE %', 500, 1200, 2),
  m('Chipotle', 'dining', 'CHIPOTLE #### %', 1100, 1800, 2),
  m("McDonald's", 'dining', "MCDONALD'S F##### %", 700, 1500, 1.5),
  m('Sweetgreen', 'dining', 'SWEETGREEN #### %', 1300, 2000, 1.5),
  m("Joe's Pizza", 'dining', 'TST* JOES PIZZA %', 1500, 4500, 1.5),
  m('The Smith', 'dining', 'TST* THE SMITH - %', 3000, 5000, 1),
  m('Tacos El Gordo', 'dining', 'SQ *TACOS EL GORDO %', 1500, 3000, 1),
  m('DoorDash', 'dining', 'DD *DOORDASH SHAKESHACK', 2000, 5000, 1),
  m('Uber Eats', 'dining', 'UBER *EATS HELP.UBER.COM CA', 2000, 5000, 1),
  m('Shell', 'gas', 'SHELL OIL 57444###### %', 3000, 8000, 2),
  m('Chevron', 'gas', 'CHEVRON 020#### %', 3000, 8000, 2),
  m('ExxonMobil', 'gas', 'EXXONMOBIL 4#### %', 3000, 8000, 1),
  m('Amazon', 'shopping', 'AMZN Mktp US*@@@@@@@@@', 1000, 12000, 4),
  m('Amazon', 'shopping', 'Amazon.com*@@@@@@@@@', 1000, 8000, 2),
  m('Target', 'shopping', 'TARGET 000##### %', 1500, 15000, 2),
  m('Walmart', 'shopping', 'WAL-MART #### %', 1500, 12000, 1.5),
  m('eBay', 'shopping', 'PAYPAL *EBAY INC', 1000, 10000, 0.5),
  m('Etsy', 'shopping', 'PAYPAL *ETSY INC', 1500, 6000, 0.5),
  m('Best Buy', 'shopping', 'BESTBUY 00##### %', 2000, 40000, 0.4),
  m('The Home Depot', 'shopping', 'THE HOME DEPOT #### %', 1500, 25000, 0.8),
  m('Uber', 'transport', 'UBER *TRIP HELP.UBER.COM CA', 900, 4500, 2),
  m('Lyft', 'transport', 'LYFT *RIDE', 900, 4000, 1),
  m('ParkMobile', 'transport', 'PARKMOBILE', 200, 2500, 0.7),
  m('RTD', 'transport', 'RTD MOBILE TICKETING DENVER', 300, 300, 0.7),
  m('AMC Theatres', 'entertainment', 'AMC #### %', 1200, 4000, 1),
  m('Ticketmaster', 'entertainment', 'TICKETMASTER', 3000, 20000, 0.3),
  m('Steam', 'entertainment', 'STEAMGAMES.COM 4259522985', 500, 6000, 0.5),
  m('CVS Pharmacy', 'health', 'CVS/PHARMACY ##### %', 500, 4500, 1),
  m('Walgreens', 'health', 'WALGREENS #### %', 500, 4000, 1),
  m('Aspen Dental', 'health', 'ASPEN DENTAL #### %', 3500, 18000, 0.15),
  m('Denver Health', 'health', 'DENVER HEALTH MED CTR COPAY', 2500, 7500, 0.2),
  m('Delta Air Lines', 'travel', 'DELTA AIR 006#######', 15000, 60000, 0.05),
  m('Marriott', 'travel', 'MARRIOTT %', 15000, 50000, 0.04),
  m('Airbnb', 'travel', 'AIRBNB * HM@@@@@@@@', 20000, 80000, 0.03),
];

/** What only a checking account pays: cash, people, bank fees. */
const US_CHECKING_ONLY: readonly MerchantSpec[] = [
  m('ATM', 'cash', 'ATM WITHDRAWAL #### MAIN ST %', 2000, 20000, 1.5, { step: 2000, channel: 'atm' }),
  m('Zelle', 'p2p', 'ZELLE PAYMENT TO ALEX KIM', 1000, 15000, 0.8, { step: 500, channel: 'p2p' }),
  m('Venmo', 'p2p', 'VENMO PAYMENT 10##########', 500, 8000, 1, { channel: 'p2p' }),
  m('ATM fee', 'fees', 'ATM FEE-WITHDRAWAL', 300, 300, 0.1, { channel: 'fee' }),
];

const EU_CARD: readonly MerchantSpec[] = [
  m('REWE', 'groceries', 'REWE SAGT DANKE. ########//%/DE', 2000, 12000, 3, { legal: 'REWE Markt GmbH' }),
  m('EDEKA', 'groceries', 'EDEKA CENTER #####//%/DE', 2000, 12000, 2, { legal: 'EDEKA Zentrale Stiftung & Co. KG' }),
  m('Lidl', 'groceries', 'LIDL DIENSTL. ####//%/DE', 1500, 8000, 2, { legal: 'Lidl Vertriebs GmbH & Co. KG' }),
  m('ALDI SÜD', 'groceries', 'ALDI SUED ####//%/DE', 1500, 8000, 2, { legal: 'ALDI SUED Dienstleistungs-SE' }),
  m('Balzac Coffee', 'dining', 'BALZAC COFFEE ###//%/DE', 350, 900, 3),
  m('Starbucks', 'dining', 'STARBUCKS COFFEE ####//%/DE', 400, 950, 1.5, { legal: 'Starbucks Coffee Deutschland GmbH' }),
  m('Vapiano', 'dining', 'VAPIANO ###//%/DE', 1500, 3500, 1.5, { legal: 'VAPIANO SE', tip: true }),
  m('Trattoria da Mario', 'dining', 'TRATTORIA DA MARIO//%/DE', 2500, 6000, 1.5, { tip: true }),
  m('Osteria Bavaria', 'dining', 'SUMUP *OSTERIA BAVARIA//%/DE', 2000, 5000, 1.5, { tip: true }),
  m('Lieferando', 'dining', 'LIEFERANDO.DE', 1800, 4500, 1, { legal: 'Takeaway.com Payments B.V.' }),
  m('Aral', 'gas', 'ARAL STATION ######//%/DE', 3000, 8000, 1.5, { legal: 'Aral AG' }),
  m('Shell', 'gas', 'SHELL ######//%/DE', 3000, 8000, 1, { legal: 'Shell Deutschland GmbH' }),
  m('Deutsche Bahn', 'transport', 'DB VERTRIEB GMBH A-NR @@@@@@', 1500, 12000, 1, { legal: 'DB Vertrieb GmbH' }),
  // Single tickets, four-trip tickets and day tickets.
  m('BVG', 'transport', 'BVG TICKET ####', 350, 1150, 1, { legal: 'Berliner Verkehrsbetriebe', step: 200 }),
  m('FREE NOW', 'transport', 'FREENOW*@@@@@@@', 800, 3000, 0.8, { legal: 'Intelligent Apps GmbH' }),
  m('Amazon', 'shopping', 'AMZN Mktp DE*@@@@@@@@@', 1000, 12000, 3, { legal: 'Amazon EU S.a.r.L.' }),
  m('Zalando', 'shopping', 'ZALANDO SE', 2500, 15000, 1, { legal: 'Zalando SE' }),
  m('IKEA', 'shopping', 'IKEA DEUTSCHLAND ###//%/DE', 1500, 30000, 0.5, { legal: 'IKEA Deutschland GmbH & Co. KG' }),
  m('MediaMarkt', 'shopping', 'MEDIA MARKT ###//%/DE', 2000, 40000, 0.4, { legal: 'Media-Saturn Deutschland GmbH' }),
  m('dm', 'health', 'DM-DROGERIE MARKT ####//%/DE', 500, 4000, 2, { legal: 'dm-drogerie markt GmbH + Co. KG' }),
  m('Rossmann', 'health', 'ROSSMANN ####//%/DE', 500, 3500, 1, { legal: 'Dirk Rossmann GmbH' }),
  m('CinemaxX', 'entertainment', 'CINEMAXX ###//%/DE', 1000, 3000, 0.8, { legal: 'CinemaxX Entertainment GmbH' }),
  m('Eventim', 'entertainment', 'EVENTIM.DE', 3000, 15000, 0.2, { legal: 'CTS EVENTIM AG' }),
  m('PayPal', 'transfer', 'PAYPAL EUROPE S.A.R.L. ET CIE S.C.A', 1000, 8000, 0.7, { channel: 'p2p' }),
  m('Geldautomat', 'cash', 'BARGELDAUSZAHLUNG GA NR######//%/DE', 2000, 20000, 1, { step: 1000, channel: 'atm' }),
];

/** Which spending line of household.ts a payee belongs to. */
export function lineOf(spec: MerchantSpec): SpendingLineName {
  if (spec.channel === 'atm') return 'cash';
  if (spec.channel === 'p2p') return 'people';
  if (spec.channel === 'fee') return 'fees';
  return spec.category as SpendingLineName;
}

/** Every payee a US account can pay day to day (a card cannot pay cash or people). */
export const US_MERCHANTS: readonly MerchantSpec[] = [...US_CARD, ...US_CHECKING_ONLY];
export const EU_MERCHANTS: readonly MerchantSpec[] = EU_CARD;
/**
 * Cities statements print, for checks that the categorizer does not depend on the
 * household's own (Denver, Berlin): the same payees elsewhere.
 */
export const US_CITIES = ['DENVER CO', 'AUSTIN TX', 'SEATTLE WA', 'BROOKLYN NY', 'SAN FRANCISCO CA', 'CHICAGO IL'] as const;
export const EU_CITIES = ['Berlin', 'Hamburg', 'Koeln', 'Muenchen', 'Frankfurt', 'Leipzig'] as const;

/** Every payee template by region, with the cities to fill it with. */
export const CATALOGUES = [
  { region: 'us', specs: US_MERCHANTS, cities: US_CITIES },
  { region: 'eu', specs: EU_MERCHANTS, cities: EU_CITIES },
] as const;

/** What is ordered online from Berlin shops between stays. */
export const EU_ONLINE: readonly MerchantSpec[] = EU_CARD.filter((spec) => spec.name === 'Amazon' || spec.name === 'Zalando');
