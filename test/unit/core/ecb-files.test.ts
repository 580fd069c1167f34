import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors';
import { isActiveCurrencyCode, isCurrencyCode } from '../../../src/core/fx/currency-codes';
import { parseEcbCsv, parseEcbXml, writeEcbXml } from '../../../src/core/fx/ecb-files';
import { parsePriceDirectives } from '../../../src/core/fx/price-directives';
import { type DayRate, RateBook, rateText } from '../../../src/core/fx/rate-book';
import { detectRateFormat, readRateFile } from '../../../src/core/fx/rate-file';
import { parseDecimal } from '../../../src/core/fx/rational';
import { isPublishingDay, simulatedReferenceRates } from '../../../src/providers/sim/reference-rates';
import { dayFromIso } from '../../../src/providers/sim/calendar';

/** Rates as `date currency text` lines, in a stable order, for comparing. */
const shown = (rates: readonly DayRate[]) => rates.map((r) => `${r.date} ${r.currency} ${rateText(r.perEur)} ${r.source}`).sort();

/** The message of the invalid_input a call throws. */
function refusal(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_input');
    return (error as AppError).message;
  }
  throw new Error('expected a refusal');
}

const rate = (date: string, currency: string, text: string, source = 'ecb'): DayRate => ({
  date,
  currency,
  perEur: parseDecimal(text)!,
  source,
});

// As the ECB writes them: tabs, single quotes, newest day first.
const DAILY_XML = `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender>
\t\t<gesmes:name>European Central Bank</gesmes:name>
\t</gesmes:Sender>
\t<Cube>
\t\t<Cube time='2026-11-20'>
\t\t\t<Cube currency='USD' rate='1.0512'/>
\t\t\t<Cube currency='JPY' rate='162.43'/>
\t\t\t<Cube currency='GBP' rate='0.85570'/>
\t\t</Cube>
\t</Cube>
</gesmes:Envelope>`;

const HIST_XML = DAILY_XML.replace(
  '\t</Cube>\n</gesmes:Envelope>',
  `\t\t<Cube time="2026-11-19">
\t\t\t<Cube currency="USD" rate="1.0498"/>
\t\t</Cube>
\t</Cube>
</gesmes:Envelope>`,
);

const DAILY_CSV = 'Date, USD, JPY, BGN, CZK, GBP, \n20 November 2026, 1.0512, 162.43, 1.9558, 24.313, 0.85570, \n';

const HIST_CSV = [
  'Date,USD,JPY,CYP,GBP,',
  '2026-11-20,1.0512,162.43,N/A,0.85570,',
  '2026-11-19,1.0498,161.90,N/A,0.85411,',
  '2007-12-31,1.4721,164.93,0.585274,0.73335,',
  '',
].join('\r\n');

describe('the ECB’s XML files', () => {
  it('reads the daily file: one day, each currency’s rate exactly, and who sent it', () => {
    const file = parseEcbXml(DAILY_XML, 'ecb');
    expect(file.sender).toBe('European Central Bank');
    expect(shown(file.rates)).toEqual(['2026-11-20 GBP 0.8557 ecb', '2026-11-20 JPY 162.43 ecb', '2026-11-20 USD 1.0512 ecb']);
  });

  it('reads a history of several days, whatever the quotes around attributes', () => {
    const file = parseEcbXml(HIST_XML, 'ecb');
    expect(shown(file.rates)).toContain('2026-11-19 USD 1.0498 ecb');
    expect(file.rates).toHaveLength(4);
  });

  it('refuses a DOCTYPE or an entity declaration', () => {
    const withDoctype = DAILY_XML.replace('<gesmes:Envelope', '<!DOCTYPE x [<!ENTITY a "b">]>\n<gesmes:Envelope');
    expect(refusal(() => parseEcbXml(withDoctype, 'ecb'))).toMatch(/DOCTYPE/);
  });

  it('refuses XML that is not the ECB’s, a bad date, an unknown code, and a rate that is not above zero', () => {
    expect(refusal(() => parseEcbXml('<Document><Stmt/></Document>', 'ecb'))).toMatch(/not the ECB’s reference rates/);
    expect(refusal(() => parseEcbXml(DAILY_XML.replace('2026-11-20', '2026-02-30'), 'ecb'))).toBe(
      'Cube time "2026-02-30" is not a date (YYYY-MM-DD)',
    );
    expect(refusal(() => parseEcbXml(DAILY_XML.replace("'JPY'", "'JPX'"), 'ecb'))).toMatch(/"JPX" is not a currency code/);
    expect(refusal(() => parseEcbXml(DAILY_XML.replace("'162.43'", "'0'"), 'ecb'))).toBe(
      'Cube time="2026-11-20" currency="JPY": rate "0" is not above zero',
    );
    expect(refusal(() => parseEcbXml(DAILY_XML.replace("'162.43'", "'-1'"), 'ecb'))).toMatch(/rate "-1" is not above zero/);
    expect(refusal(() => parseEcbXml(DAILY_XML.replace("'162.43'", "'n/a'"), 'ecb'))).toMatch(/rate "n\/a" is not a number/);
    expect(refusal(() => parseEcbXml('<gesmes:Envelope><Cube>', 'ecb'))).toMatch(/not well-formed/);
  });

  it('writes the same layout back, which reads back to the same rates', () => {
    const rates = [rate('2026-11-19', 'USD', '1.0498'), rate('2026-11-20', 'USD', '1.0512'), rate('2026-11-20', 'GBP', '0.8557')];
    const xml = writeEcbXml(rates, 'Someone & Co <test>');
    expect(xml.indexOf("time='2026-11-20'")).toBeLessThan(xml.indexOf("time='2026-11-19'"));
    const back = parseEcbXml(xml, 'ecb');
    expect(back.sender).toBe('Someone & Co <test>');
    expect(shown(back.rates)).toEqual(shown(rates));
  });
});

describe('the ECB’s CSV files', () => {
  it('reads the daily file, dated "20 November 2026", its cells padded and its lines ending in a comma', () => {
    expect(shown(parseEcbCsv(DAILY_CSV, 'ecb'))).toEqual([
      '2026-11-20 BGN 1.9558 ecb',
      '2026-11-20 CZK 24.313 ecb',
      '2026-11-20 GBP 0.8557 ecb',
      '2026-11-20 JPY 162.43 ecb',
      '2026-11-20 USD 1.0512 ecb',
    ]);
  });

  it('reads the history: a row a day, N/A left out, a currency the euro replaced kept for its days', () => {
    const rates = shown(parseEcbCsv(HIST_CSV, 'ecb'));
    expect(rates).toHaveLength(10);
    expect(rates).toContain('2007-12-31 CYP 0.585274 ecb');
    expect(rates.filter((r) => r.includes('CYP'))).toHaveLength(1);
  });

  it('refuses a bad date, an unknown code, a rate that is not a number, and a stray value, naming the line', () => {
    expect(refusal(() => parseEcbCsv(HIST_CSV.replace('2026-11-19', '2026-11-31'), 'ecb'))).toMatch(
      /^line 3: date "2026-11-31" is not a date/,
    );
    expect(refusal(() => parseEcbCsv(DAILY_CSV.replace('20 November', '20 Novembre'), 'ecb'))).toMatch(/^line 2: date/);
    expect(refusal(() => parseEcbCsv(HIST_CSV.replace('CYP', 'XYZ'), 'ecb'))).toBe(
      'line 1, column 4: "XYZ" is not a currency code (ISO 4217, such as USD)',
    );
    expect(refusal(() => parseEcbCsv(HIST_CSV.replace('161.90', '161,90'), 'ecb'))).toMatch(/^line 3/);
    expect(refusal(() => parseEcbCsv(HIST_CSV.replace('0.85411', 'abc'), 'ecb'))).toBe(
      'line 3 (2026-11-19), GBP: rate "abc" is not a number',
    );
    expect(refusal(() => parseEcbCsv('Date,USD,\n2026-11-20,0.0,\n', 'ecb'))).toMatch(/rate "0.0" is not above zero/);
    expect(refusal(() => parseEcbCsv('Date,USD,EUR\n2026-11-20,1.05,1\n', 'ecb'))).toMatch(/EUR has no rate per euro/);
  });
});

describe('price directives', () => {
  const none = new RateBook([]);

  it('reads a euro priced in another currency, and another currency priced in euros as its inverse, exactly', () => {
    const rates = parsePriceDirectives(
      ['; rates from my journal', 'P 2026-11-20 EUR 1.0512 USD', 'P 2026/11/20 NOK 0.0851 EUR', '', '# done'].join('\n'),
      'file:prices.journal',
      none,
    );
    expect(shown(rates)).toEqual(['2026-11-20 NOK 10000/851 file:prices.journal', '2026-11-20 USD 1.0512 file:prices.journal']);
  });

  it('takes a time after the date, the price before its currency, comments, and thousands', () => {
    const rates = parsePriceDirectives(
      [
        '* prices',
        'P 2026-11-20 12:30:00 EUR 1.0512 USD ; a comment',
        'P 2026-11-20 EUR JPY 162.43',
        'P 2026-1-5 EUR 1,234.5 HUF',
      ].join('\n'),
      'price-directive',
      none,
    );
    expect(shown(rates)).toEqual([
      '2026-01-05 HUF 1234.5 price-directive',
      '2026-11-20 JPY 162.43 price-directive',
      '2026-11-20 USD 1.0512 price-directive',
    ]);
  });

  it('converts a price between two other currencies through the file’s own euro rate of that day', () => {
    const rates = parsePriceDirectives(['P 2026-11-20 GBP 1.25 USD', 'P 2026-11-20 EUR 1.05 USD'].join('\n'), 'f', none);
    // One pound costs 1.25 dollars, one euro 1.05 dollars: 0.84 pounds per euro.
    expect(shown(rates)).toEqual(['2026-11-20 GBP 0.84 f', '2026-11-20 USD 1.05 f']);
  });

  it('converts through a stored rate of the latest day before (a weekend), either side', () => {
    const stored = new RateBook([rate('2026-11-20', 'USD', '1.05')]);
    expect(shown(parsePriceDirectives('P 2026-11-22 GBP 1.25 USD', 'f', stored))).toEqual(['2026-11-22 GBP 0.84 f']);
    expect(shown(parsePriceDirectives('P 2026-11-22 USD 0.8 GBP', 'f', stored))).toEqual(['2026-11-22 GBP 0.84 f']);
  });

  it('refuses a cross price with no rate of either side by its day (or only one older than a week)', () => {
    const stored = new RateBook([rate('2026-11-01', 'USD', '1.05')]);
    expect(refusal(() => parsePriceDirectives('; x\nP 2026-11-20 GBP 1.25 USD', 'f', stored))).toBe(
      'line 2: neither GBP nor USD has a rate per euro by 2026-11-20 (in this file or stored) to convert through',
    );
  });

  it('refuses a bad date, an unknown code, a zero, negative or non-numeric price, and a line that is not a directive', () => {
    const refuse = (line: string) => refusal(() => parsePriceDirectives(`P 2026-11-19 EUR 1.05 USD\n${line}`, 'f', none));
    expect(refuse('P 2026-13-01 EUR 1.05 USD')).toBe('line 2: date "2026-13-01" is not a date (YYYY-MM-DD or YYYY/MM/DD)');
    expect(refuse('P 2026-11-20 EUR 1.05 USX')).toBe('line 2: "USX" is not a currency code (ISO 4217, such as USD)');
    expect(refuse('P 2026-11-20 AAPL 190 USD')).toMatch(/^line 2: "AAPL" is not a currency code/);
    expect(refuse('P 2026-11-20 EUR 0 USD')).toBe('line 2: price "0" is not above zero');
    expect(refuse('P 2026-11-20 EUR -1.05 USD')).toBe('line 2: price "-1.05" is not above zero');
    expect(refuse('P 2026-11-20 EUR 1,05 USD')).toBe('line 2: price "1,05" is not a number');
    expect(refuse('P 2026-11-20 EUR 1.05 EUR')).toBe('line 2: a price of EUR in EUR');
    expect(refuse('2026-11-20 Groceries')).toMatch(/^line 2: "2026-11-20 Groceries" is not a price directive/);
  });
});

describe('a file of rates', () => {
  const options = { ecbSource: 'ecb', directiveSource: 'file:x', stored: new RateBook([]) };

  it('is told apart by its content', () => {
    expect(detectRateFormat(DAILY_XML)).toBe('ecb-xml');
    expect(detectRateFormat(`\ufeff${DAILY_CSV}`)).toBe('ecb-csv');
    expect(detectRateFormat(HIST_CSV)).toBe('ecb-csv');
    expect(detectRateFormat('; prices\n\nP 2026-11-20 EUR 1.05 USD\n')).toBe('price-directives');
    expect(readRateFile(DAILY_CSV, options).rates.every((r) => r.source === 'ecb')).toBe(true);
    expect(readRateFile('P 2026-11-20 EUR 1.05 USD', options).rates[0]!.source).toBe('file:x');
  });

  it('is refused when it is none of them, naming its first line', () => {
    expect(refusal(() => readRateFile('date;amount\n2026-11-20;12\n', options))).toBe(
      'line 1: "date;amount": not the ECB’s reference rates (CSV or XML) nor price directives (P 2026-11-20 EUR 1.0512 USD)',
    );
    expect(refusal(() => readRateFile('\n  \n', options))).toMatch(/^the file is empty/);
  });
});

describe('currency codes', () => {
  it('know the active ISO 4217 codes and the withdrawn ones rate files still carry', () => {
    for (const code of ['USD', 'EUR', 'JPY', 'CHF', 'XAU', 'VES', 'ZWG', 'XCG']) expect(isActiveCurrencyCode(code)).toBe(true);
    for (const code of ['CYP', 'HRK', 'SKK', 'TRL']) {
      expect(isActiveCurrencyCode(code)).toBe(false);
      expect(isCurrencyCode(code)).toBe(true);
    }
    for (const code of ['USX', 'EURO', 'usd', 'BTC', '']) expect(isCurrencyCode(code)).toBe(false);
  });
});

describe('the simulated reference rates', () => {
  const NOW = Date.parse('2026-11-20T18:00:00Z'); // a Friday, after the day's rates are out

  it('cover the days the simulated banks hold (and a week before), on the ECB’s publishing days only', () => {
    const rates = simulatedReferenceRates({ seed: 42, nowMs: NOW, historyDays: 30 });
    const dates = [...new Set(rates.map((r) => r.date))].sort();
    expect(dates[0]! <= '2026-10-22').toBe(true);
    expect(dates[dates.length - 1]).toBe('2026-11-20');
    expect(dates.every((d) => isPublishingDay(dayFromIso(d)!))).toBe(true);
    expect(new Set(rates.map((r) => r.currency))).toEqual(new Set(['USD', 'GBP', 'CHF', 'JPY']));
    const before = simulatedReferenceRates({ seed: 42, nowMs: Date.parse('2026-11-20T09:00:00Z'), historyDays: 30 });
    expect(before.some((r) => r.date === '2026-11-20')).toBe(false);
  });

  it('give a day the same rate whatever the window, and another seed other rates', () => {
    const short = shown(simulatedReferenceRates({ seed: 42, nowMs: NOW, historyDays: 10 }));
    const long = shown(simulatedReferenceRates({ seed: 42, nowMs: NOW, historyDays: 400 }));
    expect(long).toEqual(expect.arrayContaining(short));
    expect(shown(simulatedReferenceRates({ seed: 7, nowMs: NOW, historyDays: 10 }))).not.toEqual(short);
  });

  it('stay near realistic levels with the ECB’s digits, and move gently from day to day', () => {
    const rates = simulatedReferenceRates({ seed: 42, nowMs: NOW, historyDays: 3650 });
    const bounds: Record<string, [number, number]> = { USD: [0.9, 1.35], GBP: [0.7, 1.05], CHF: [0.78, 1.12], JPY: [135, 200] };
    const last = new Map<string, number>();
    for (const r of rates) {
      const value = Number(r.perEur.num) / Number(r.perEur.den);
      const [lo, hi] = bounds[r.currency]!;
      expect(value).toBeGreaterThan(lo);
      expect(value).toBeLessThan(hi);
      const before = last.get(r.currency);
      if (before !== undefined) expect(Math.abs(value / before - 1)).toBeLessThan(0.03);
      last.set(r.currency, value);
      expect(rateText(r.perEur).replace(/^0\./, '').replace('.', '').length).toBeLessThanOrEqual(5);
    }
  });

  it('skip TARGET holidays: Good Friday, Easter Monday, 1 May, Christmas', () => {
    for (const day of ['2026-04-03', '2026-04-06', '2026-05-01', '2026-12-25', '2026-12-26', '2027-01-01', '2026-11-21'])
      expect(isPublishingDay(dayFromIso(day)!)).toBe(false);
    for (const day of ['2026-04-02', '2026-04-07', '2026-12-24', '2026-11-20'])
      expect(isPublishingDay(dayFromIso(day)!)).toBe(true);
  });
});
