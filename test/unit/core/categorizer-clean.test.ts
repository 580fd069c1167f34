import { describe, expect, it } from 'vitest';
import { cleanDescriptor, firstChars, stripPrefixes, titleCase } from '../../../src/core/categorize/clean-descriptor';
import { CHANNEL_PREFIXES } from '../../../src/core/categorize/prefixes';

const name = (raw: string) => cleanDescriptor(raw).name;

describe('descriptor cleaning', () => {
  it.each([
    ['SQ *BLUE BOTTLE COFFEE', 'BLUE BOTTLE COFFEE'],
    ['TST* SHAKE SHACK 1234', 'SHAKE SHACK 1234'],
    ['TST*SHAKE SHACK', 'SHAKE SHACK'],
    ['DD *DOORDASH CHIPOTLE', 'DOORDASH CHIPOTLE'],
    ['PAYPAL *NETFLIX', 'NETFLIX'],
    ['PP*ETSYSELLER', 'ETSYSELLER'],
    ['POS DEBIT 4451 SHELL OIL', 'SHELL OIL'],
    ['POS PURCHASE TARGET 1234', 'TARGET 1234'],
    ['CHECKCARD 0412 WHOLEFDS MKT', 'WHOLEFDS MKT'],
    ['DEBIT CARD PURCHASE - CHIPOTLE 1234', 'CHIPOTLE 1234'],
    ['ACH DEBIT COMCAST CABLE', 'COMCAST CABLE'],
    ['ACH CREDIT ACME CORP', 'ACME CORP'],
    ['RECURRING PAYMENT NETFLIX.COM', 'NETFLIX.COM'],
    ['PURCHASE AUTHORIZED ON 03/04 SHELL OIL 12345', 'SHELL OIL 12345'],
    ['RECURRING PAYMENT AUTHORIZED ON 03/04 SPOTIFY USA', 'SPOTIFY USA'],
    ['SP * ALLBIRDS INC', 'ALLBIRDS INC'],
    ['GOOGLE *YouTubePremium', 'YOUTUBEPREMIUM'],
    ['POS DEBIT 0412 SQ *BLUE BOTTLE', 'BLUE BOTTLE'],
    ['KARTENZAHLUNG REWE MARKT', 'REWE MARKT'],
    ['CARD PAYMENT TO TESCO STORES', 'TESCO STORES'],
    ['INTERAC PURCHASE - 3391 NO FRILLS #3127', 'NO FRILLS #3127'],
    ['POINT OF SALE - INTERAC RETAIL PURCHASE 123456789012 LOBLAWS', 'LOBLAWS'],
    ['PRE-AUTHORIZED DEBIT BELL MOBILITY', 'BELL MOBILITY'],
    ['ACHAT INTERAC MAXI #8801', 'MAXI #8801'],
    ['PAIEMENT PRÉAUTORISÉ VIDEOTRON', 'VIDEOTRON'],
    ['COMPRA TARJ. 5478XXXXXXXX1234 MERCADONA', 'MERCADONA'],
    ['PAGO MOVIL EN LIDL, MADRID, TARJ. :*1234', 'LIDL, MADRID'],
    ['COMPRA EN DIA, CON LA TARJETA : 4940********1234 EL 2024-03-12', 'DIA'],
    ['RECIBO /VODAFONE ESPANA SAU', 'VODAFONE ESPANA SAU'],
    ['ADEUDO DOMICILIACION XFERA MOVILES', 'XFERA MOVILES'],
    ['EFTPOS PURCHASE WOOLWORTHS 3321', 'WOOLWORTHS 3321'],
    ['VISA DEBIT PURCHASE CARD 4821 COLES 0783', 'COLES 0783'],
    ['DIRECT DEBIT 456789 TELSTRA', 'TELSTRA'],
  ])('strips the prefix of %s', (raw, rest) => {
    expect(stripPrefixes(raw.toUpperCase()).rest).toBe(rest);
  });

  it('leaves a prefix that is the whole descriptor, or part of a word', () => {
    expect(stripPrefixes('PAYPAL *').rest).toBe('PAYPAL *');
    expect(stripPrefixes('POS DEBIT 1234').rest).toBe('POS DEBIT 1234');
    expect(stripPrefixes('POSITANO CAFE').rest).toBe('POSITANO CAFE');
    expect(stripPrefixes('SQUARE ONE BOOKS').rest).toBe('SQUARE ONE BOOKS');
  });

  it('tries only the prefixes a descriptor can begin with', () => {
    expect(firstChars('(?:ON )?\\d\\d/\\d\\d')).toEqual(new Set(['O', ...'0123456789']));
    expect(firstChars('(?:C-)?IDP PURCHASE')).toEqual(new Set(['C', 'I']));
    expect(firstChars('PR[EÉ]L[EÈ]VEMENT')).toEqual(new Set(['P']));
    expect(firstChars('(?:\\d{4,6})?[X*]{3,}\\d{3,4}')).toEqual(new Set([...'0123456789', 'X', '*']));
    // Not plain: tried for every descriptor.
    expect(firstChars('.*X')).toBeNull();
    expect(firstChars('(?:POS)?')).toBeNull();
    expect(firstChars('[^A]B')).toBeNull();
    // Every prefix finagg knows is plain, so a payee's first letter turns most of them away.
    for (const { pattern } of CHANNEL_PREFIXES) expect(firstChars(pattern), pattern).not.toBeNull();
    // A processor's fallback still comes from its own pattern.
    expect(stripPrefixes('OSKO PAYMENT TO JANE DOE')).toEqual({ rest: 'JANE DOE', fallback: 'transfer' });
    expect(stripPrefixes('')).toEqual({ rest: '', fallback: null });
  });

  it('knows what a processor implies', () => {
    expect(stripPrefixes('TST* THE SMITH').fallback).toBe('dining');
    expect(stripPrefixes('PAYPAL *JOHNSMITH').fallback).toBe('transfer');
    expect(stripPrefixes('CHECKCARD 0412 TST* THE SMITH').fallback).toBe('dining');
    expect(stripPrefixes('SQ *JANE DOE').fallback).toBeNull();
  });

  it.each([
    ['SQ *BLUE BOTTLE COFFEE San Francisco CA', 'Blue Bottle Coffee'],
    ['TST* SHAKE SHACK 1234', 'Shake Shack'],
    ['AMZN Mktp US*2K3L45TY2', 'Amzn MKTP'],
    ['POS DEBIT 4451 SHELL OIL 57442658100', 'Shell Oil'],
    ['WHOLEFDS MKT 10234', 'Wholefds MKT'],
    ['STARBUCKS STORE #05123 SEATTLE WA', 'Starbucks Store'],
    ['HULU 877-8244858 CA', 'Hulu'],
    ['NETFLIX.COM 866-579-7172 CA', 'Netflix'],
    ['APPLE.COM/BILL 866-712-7753 CA', 'Apple'],
    ['UBER *TRIP HELP.UBER.COM CA', 'Uber Trip'],
    ['REWE SAGT DANKE. 12345678//Berlin/DE', 'Rewe Sagt Danke'],
    ['PURCHASE AUTHORIZED ON 03/04 JOES DINER HOUSTON TX S301234567 CARD 1234', 'Joes Diner'],
    ["TST* JOE'S STONE CRAB MIAMI BEACH FL", "Joe's Stone Crab"],
    ['7-ELEVEN 12345 DALLAS TX', '7-Eleven'],
    ['JOES GROCER 1234 SYDNEY NS AUS Card xx1234 Value Date: 12/03/2024', 'Joes Grocer'],
    ['CHICK-FIL-A #01234 ATLANTA GA', 'Chick-Fil-A'],
    ["O'REILLY AUTO PARTS #1234", "O'Reilly Auto Parts"],
    ['ACH DEP GLOBEX CORP PAYROLL PPD ID: 1234567890', 'Globex Corp Payroll'],
    ['ROCKET MORTGAGE DES:PAYMENT ID:1234567 INDN:JOHN DOE CO ID:XXXXX PPD', 'Rocket Mortgage'],
    ['ZELLE FROM JORDAN LEE ON 03/12 REF # BAC1234', 'Zelle From Jordan Lee'],
    ['ONLINE TRANSFER TO SAV XXXXXX1234', 'Online Transfer to Sav'],
    ['TRATTORIA DA MARIO//Koeln/DE', 'Trattoria da Mario'],
    ['KFC H123456 LOUISVILLE KY', 'KFC'],
  ])('names %s as %s', (raw, clean) => {
    expect(name(raw)).toBe(clean);
  });

  it('drops store numbers, phone numbers, order codes and dates', () => {
    expect(cleanDescriptor('SAFEWAY #1234 03/04/2024 (800) 555-1212').text).toBe('SAFEWAY');
    expect(cleanDescriptor('AIRBNB * HM8Q2ZTK4A').text).toBe('AIRBNB');
    expect(cleanDescriptor('CHEVRON 0201234 SAN JOSE CA').text).toBe('CHEVRON');
  });

  it('never cleans a name away entirely when words are left', () => {
    expect(cleanDescriptor('DENVER CO').text).toBe('DENVER');
    expect(cleanDescriptor('12345').text).toBe('');
    expect(cleanDescriptor('').name).toBe('');
  });

  it('title-cases like a name', () => {
    expect(titleCase('BLUE BOTTLE COFFEE')).toBe('Blue Bottle Coffee');
    expect(titleCase("JOE'S PIZZA OF THE WORLD")).toBe("Joe's Pizza of the World");
    expect(titleCase('ACME GMBH')).toBe('Acme GmbH');
    expect(titleCase('BBQ SHACK')).toBe('BBQ Shack');
  });
});
