import fc from 'fast-check';
import { BUILTIN_CATEGORIES } from '../../../src/core/transaction';
import { describe, expect, it } from 'vitest';
import { createCategorizer } from '../../../src/core/categorize/categorizer';
import { MERCHANT_DATA, merchantEntries } from '../../../src/core/categorize/dictionary';
import { KEYWORD_GROUPS } from '../../../src/core/categorize/keywords';
import { compileMatcher, TEXT_BREAK } from '../../../src/core/categorize/matcher';
import { tokenize } from '../../../src/core/categorize/tokens';

const categorize = createCategorizer().categorize;
const guess = (description: string, amountCents = -1250, providerCategory: string | null = null) =>
  categorize({ description, merchant: null, amountCents, providerCategory });

/** The categories of CLI.md a guess can name (uncategorized is no guess). */
const CATEGORIES = BUILTIN_CATEGORIES.filter((c) => c !== 'uncategorized');
/** Categories the dictionary knows merchants of, at both levels (a chain sits at the detailed one where one fits). */
const KNOWN = ['income', 'paycheck', 'groceries', 'dining', 'coffee', 'gas', 'transport', 'rideshare', 'public-transit'];
const KNOWN_DETAILED = [
  ...['parking-and-tolls', 'shopping', 'general-merchandise', 'clothing', 'electronics', 'home-improvement'],
  ...['subscriptions', 'streaming', 'software', 'news', 'utilities', 'phone-and-internet', 'rent', 'mortgage'],
  ...['health', 'pharmacy', 'fitness', 'flights', 'hotels', 'car-rental', 'movies-and-events', 'games', 'recreation'],
];
const KNOWN_TOO = ['entertainment', 'travel', 'transfer', 'p2p', 'debt'];

describe('the built-in categorizer', () => {
  it.each([
    ['WHOLEFDS MKT 10234', 'groceries'],
    ['SQ *BLUE BOTTLE COFFEE San Francisco CA', 'coffee'],
    ['DD *DOORDASH CHIPOTLE', 'dining'],
    ['UBER *EATS HELP.UBER.COM CA', 'dining'],
    ['UBER *TRIP HELP.UBER.COM CA', 'rideshare'],
    ['POS DEBIT 4451 SHELL OIL 57442658100', 'gas'],
    ['AMZN Mktp US*2K3L45TY2', 'general-merchandise'],
    ['PAYPAL *NETFLIX', 'streaming'],
    ['REWE SAGT DANKE. 12345678//Berlin/DE', 'groceries'],
  ])('reads %s as %s', (description, category) => {
    expect(guess(description)).toMatchObject({ category, source: 'builtin' });
  });

  it('names the merchant the dictionary knows, whatever the bank printed', () => {
    expect(guess('WHOLEFDS MKT 10234').merchant).toBe('Whole Foods Market');
    expect(guess('TST* SHAKE SHACK 1234').merchant).toBe('Shake Shack');
    expect(guess('AMZN Mktp US*2K3L45TY2').merchant).toBe('Amazon');
    expect(guess('PAYPAL *NETFLIX').merchant).toBe('Netflix');
    expect(guess("MCDONALD'S F12345 SEATTLE WA").merchant).toBe("McDonald's");
  });

  it('tidies the text into a name when the merchant is unknown', () => {
    expect(guess('SQ *TACOS EL GORDO BROOKLYN NY')).toMatchObject({ category: 'dining', merchant: 'Tacos El Gordo' });
    expect(guess('CHECKCARD 0412 TST* THE SMITH - AUSTIN TX')).toMatchObject({ category: 'dining', merchant: 'The Smith' });
    expect(guess('ZXQ 123').merchant).toBe('ZXQ');
    expect(guess('BLUEWAVE HOLDINGS 123').merchant).toBe('Bluewave Holdings');
  });

  it('tells a check by its number', () => {
    expect(guess('CHECK 1000').merchant).toBe('Check 1000');
    expect(guess('CHK #1001').merchant).toBe('Check 1001');
    expect(guess('CHECK').merchant).toBe('Check');
  });

  it('drops the city, province, state and country of other countries from a name too', () => {
    expect(guess('LOBLAWS 1012 TORONTO ON').merchant).toBe('Loblaws');
    expect(guess('SOBEYS #4401 HALIFAX NS').merchant).toBe('Sobeys');
    expect(guess('WOOLWORTHS 1234 SYDNEY AU').merchant).toBe('Woolworths');
    expect(guess('COLES 0456 HOBART TAS').merchant).toBe('Coles');
    expect(guess('COUNTDOWN 9412 AUCKLAND NZ').merchant).toBe('Countdown');
    expect(guess('MONOPRIX PARIS 15').merchant).toBe('Monoprix');
    expect(guess('ESSELUNGA MILANO').merchant).toBe('Esselunga');
    expect(guess('JUMBO UTRECHT').merchant).toBe('Jumbo');
    // A country's name that is part of the name stays.
    expect(guess('ELECTRIC IRELAND').merchant).toBe('Electric Ireland');
  });

  it('keeps a merchant the bank named', () => {
    const r = categorize({
      description: 'TST* JOES PIZZA AUSTIN TX',
      merchant: "Joe's Pizza",
      amountCents: -2000,
      providerCategory: null,
    });
    expect(r).toMatchObject({ category: 'dining', merchant: "Joe's Pizza" });
  });

  it('matches whole words only: COFFEE is not a fee, CURRENT is not rent', () => {
    expect(guess('BLUE BOTTLE COFFEE').category).toBe('coffee');
    expect(guess('CURRENT ACCOUNT CHARGE XYZ').category).toBe('uncategorized');
    expect(guess('SQ *COFFEE BAR NORTH').category).toBe('dining');
    expect(guess('TORRENTIAL DESIGNS').category).toBe('uncategorized');
    expect(guess('POSITANO RISTORANTE').category).toBe('dining');
    expect(guess('SHELLPOINT MTG SVC').category).toBe('mortgage');
  });

  it('uses the sign: pay coming in is income, money out named like pay is not', () => {
    expect(guess('ACH DEP ACME CORP PAYROLL', 250000).category).toBe('income');
    expect(guess('PAYROLL ADVANCE REPAYMENT', -5000).category).toBe('transfer');
    // Pay from a company the dictionary knows as a shop is still pay.
    expect(guess('TARGET CORP PAYROLL', 180000).category).toBe('income');
    expect(guess('DIVIDEND VANGUARD TOTAL STOCK', 4513).category).toBe('income');
  });

  it('uses the sign: money back from a shop is a refund in the shop’s category', () => {
    expect(guess('AMZN Mktp US*7Y2RT5PQ1', 2499).category).toBe('general-merchandise');
    expect(guess('WHOLEFDS MKT 10234 AUSTIN TX', 1299).category).toBe('groceries');
    expect(guess('DELTA AIR 0062345678901', 41260).category).toBe('flights');
    expect(guess('FEE REVERSAL', 1200).category).toBe('fees');
  });

  it('reads interest by its direction: earned coming in, charged going out', () => {
    expect(guess('INTEREST PAYMENT', 342).category).toBe('income');
    expect(guess('INTEREST', 342).category).toBe('income');
    expect(guess('INTEREST', -342).category).toBe('fees');
    expect(guess('INTEREST CHARGE ON PURCHASES', -2487).category).toBe('fees');
  });

  it('prefers the longer phrase and a fee over a transfer', () => {
    expect(guess('ATM WITHDRAWAL 1234 MAIN ST').category).toBe('cash');
    expect(guess('ATM WITHDRAWAL FEE').category).toBe('fees');
    expect(guess('WIRE TRANSFER FEE').category).toBe('fees');
    expect(guess('HERTZ RENT A CAR').category).toBe('car-rental');
    expect(guess('JOES RENT A CAR').category).toBe('travel');
    expect(guess('ELM ST APTS RENT').category).toBe('rent');
    expect(guess('CITY PARKING FEE').category).toBe('transport');
  });

  it('prefers a known merchant over keywords, and the first merchant named', () => {
    expect(guess('PG&E LATE FEE').category).toBe('utilities');
    expect(guess('DD *DOORDASH DASHPASS').category).toBe('memberships');
    expect(guess('STARBUCKS AT TARGET T-1234')).toMatchObject({ category: 'coffee', merchant: 'Starbucks' });
  });

  it('falls back to the bank’s category, then the processor’s, then uncategorized', () => {
    expect(guess('ZXQ 123', -100, 'FOOD_AND_DRINK')).toMatchObject({ category: 'dining', source: 'provider' });
    expect(guess('ZXQ 123', -100, 'Food & Drink')).toMatchObject({ category: 'dining', source: 'provider' });
    expect(guess('ZXQ 123', -100, 'Bills & Utilities')).toMatchObject({ category: 'utilities', source: 'provider' });
    expect(guess('ZXQ 123', -100, 'SOMETHING_ELSE')).toMatchObject({ category: 'uncategorized', source: 'none' });
    expect(guess('ZXQ 123')).toMatchObject({ category: 'uncategorized', source: 'none' });
    // The built-in wins over the bank's label.
    expect(guess('WHOLEFDS MKT 10234', -100, 'SHOPPING')).toMatchObject({ category: 'groceries', source: 'builtin' });
    // A processor's hint ranks below the bank's label.
    expect(guess('TST* ZXQ HOUSE')).toMatchObject({ category: 'dining', source: 'builtin' });
    expect(guess('TST* ZXQ HOUSE', -100, 'ENTERTAINMENT')).toMatchObject({ category: 'entertainment', source: 'provider' });
    expect(guess('PAYPAL *JOHNSMITH')).toMatchObject({ category: 'transfer', source: 'builtin' });
  });

  it('reads the prefix itself when nothing after it is known', () => {
    expect(guess('GOOGLE *FI')).toMatchObject({ category: 'phone-and-internet', merchant: 'Google Fi' });
    expect(guess('GOOGLE *YouTubePremium')).toMatchObject({ category: 'streaming', merchant: 'YouTube Premium' });
    expect(guess('DIRECT DEP WAYNE ENTERPRISES', 340000).category).toBe('income');
  });

  it('reads a short common word as a chain only when it stands alone', () => {
    // The grocer Metro (Quebec, Ontario) prints METRO and a store number; transit names a city or says transit.
    expect(guess('METRO 142 MONTREAL QC')).toMatchObject({ category: 'groceries', merchant: 'Metro' });
    expect(guess('INTERAC PURCHASE - 1234 METRO PLUS 458 LAVAL QC')).toMatchObject({ category: 'groceries', merchant: 'Metro' });
    expect(guess('METRO DE MADRID').category).toBe('public-transit');
    expect(guess('METRO BILBAO').category).toBe('public-transit');
    expect(guess('METRO TRANSIT MINNEAPOLIS MN').category).toBe('public-transit');
    expect(guess('KING COUNTY METRO').category).toBe('transport');
    expect(guess('METRO DINER 1234 ORLANDO FL').category).toBe('dining');
    expect(guess('DIA 12345 SEVILLA')).toMatchObject({ category: 'groceries', merchant: 'Dia' });
    expect(guess('COMPRA EN DIA, CON LA TARJETA : 4940********1234 EL 2024-03-12').merchant).toBe('Dia');
    expect(guess('DIA DE CAMPO').category).toBe('uncategorized');
    expect(guess('ROGERS ******1234')).toMatchObject({ category: 'phone-and-internet', merchant: 'Rogers' });
    expect(guess('ROY ROGERS 123').category).not.toBe('phone-and-internet');
    expect(guess('OPAL JEWELLERY').category).toBe('uncategorized');
    // The bank's merchant name is a text of its own: the word opens it.
    expect(categorize({ description: 'POS 1234', merchant: 'Metro', amountCents: -100, providerCategory: null }).category).toBe(
      'groceries',
    );
    const data = compileMatcher([{ name: 'Acme', category: 'groceries', aliases: ['=ACME'] }], []);
    expect(data.match(tokenize('ACME 12 TORONTO ON')).merchant?.name).toBe('Acme');
    expect(data.match(tokenize('ACME TRANSIT')).merchant).toBeNull();
    expect(data.match(tokenize('THE ACME')).merchant).toBeNull();
  });

  it('keeps Amazon, Apple and Google apart by what was bought', () => {
    expect(guess('AMZN Mktp US*2K3L45TY2').category).toBe('general-merchandise');
    expect(guess('AMZN DIGITAL*2K3L45TY2 AMZN.COM/BILL WA').category).toBe('shopping');
    expect(guess('AMAZON PRIME*2K4L56TT1 AMZN.COM/BILL WA').category).toBe('memberships');
    expect(guess('Prime Video*2K4L56TT1').category).toBe('streaming');
    expect(guess('AMAZON FRESH*2K4L56TT1').category).toBe('groceries');
    expect(guess('APPLE.COM/BILL 866-712-7753 CA').category).toBe('subscriptions');
    expect(guess('APPLE STORE #R123 PALO ALTO CA').category).toBe('electronics');
    expect(guess('APPLE CASH SENT MONEY').category).toBe('p2p');
    expect(guess('GOOGLE *Google Storage').category).toBe('software');
  });
});

describe('the categorizer’s data', () => {
  const entries = merchantEntries(MERCHANT_DATA);

  it('has hundreds of merchants, in every category it knows (words name fees and cash)', () => {
    expect(entries.length).toBeGreaterThanOrEqual(400);
    const used = new Set(entries.map((e) => e.category));
    for (const category of [...KNOWN, ...KNOWN_DETAILED, ...KNOWN_TOO]) expect(used).toContain(category);
    for (const e of entries) expect(CATEGORIES).toContain(e.category);
  });

  it('uses only the CLI’s categories in keywords', () => {
    for (const group of KEYWORD_GROUPS) {
      expect(CATEGORIES).toContain(group.category);
      if (group.whenOut) expect(CATEGORIES).toContain(group.whenOut);
    }
  });

  it('claims no alias or keyword twice', () => {
    expect(() => compileMatcher(entries, KEYWORD_GROUPS)).not.toThrow();
    expect(() =>
      compileMatcher(
        [
          { name: 'A', category: 'dining', aliases: ['ACME'] },
          { name: 'B', category: 'gas', aliases: ['ACME'] },
        ],
        [],
      ),
    ).toThrow(/ACME/);
  });

  it('spells aliases and statements the same way', () => {
    expect(tokenize('McDonald’s F12345')).toEqual(['MCDONALDS', 'F', '12345']);
    expect(tokenize('WAL-MART #1234')).toEqual(['WAL', 'MART', '1234']);
    expect(tokenize('PG & E/EZ-PAY')).toEqual(['PG&E', 'EZ', 'PAY']);
    expect(tokenize('BARNES & NOBLE')).toEqual(['BARNES', 'NOBLE']);
    expect(tokenize('ÜBERWEISUNG Café')).toEqual(['UEBERWEISUNG', 'CAFE']);
    expect(tokenize('DISNEY+')).toEqual(['DISNEY', 'PLUS']);
    expect(tokenize('AMERICAN AIR0012345678901')).toEqual(['AMERICAN', 'AIR', '0012345678901']);
  });
});

describe('the categorizer on any text', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.stringMatching(/^[A-Z0-9 *#&'.\/+-]{0,50}$/),
    fc.constantFrom('&', '& &', 'PG &', '+', "'", '*', 'PAYPAL *', 'SQ *', 'ÜÄÖ ß €', 'A'.repeat(500)),
  );

  it('always answers with a category, and tokens are words', () => {
    fc.assert(
      fc.property(text, fc.option(text), fc.integer({ min: -1e9, max: 1e9 }), (description, merchant, amountCents) => {
        const r = categorize({ description, merchant, amountCents, providerCategory: null });
        expect([...CATEGORIES, 'uncategorized']).toContain(r.category);
        for (const token of tokenize(description)) expect(token).toMatch(/^[A-Z0-9&]+$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a line into word numbers as the tokenizer splits it into words', () => {
    // The single pass (vocabulary.ts) against match() of tokenize()'s words, the way they were matched before it.
    const matcher = compileMatcher(merchantEntries(MERCHANT_DATA), KEYWORD_GROUPS);
    const words = fc.constantFrom(
      ...['STARBUCKS', 'WHOLE FOODS', 'METRO', '142', 'MONTREAL QC', 'PAYROLL', 'DIRECT DEP', 'AMERICAN AIR1234'],
      ...["MCDONALD'S", 'AT&T', 'PG & E', 'DISNEY+', 'CAFÉ', 'ÜBERWEISUNG', '7-ELEVEN', 'DIA', 'DE'],
    );
    const line = fc.oneof(
      text,
      fc.array(words, { maxLength: 6 }).map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(line, fc.option(line), (description, merchant) => {
        const upper = description.toUpperCase();
        const tokens = tokenize(upper);
        expect(matcher.matchText(merchant, upper)).toEqual(
          matcher.match(merchant ? tokenize(merchant).concat(TEXT_BREAK, tokens) : tokens),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
