import { describe, expect, it } from 'vitest';
import { andList, article, categoryName, categoryNoun, plural, range } from '../../../src/core/words';
import { TAXONOMY } from '../../../src/core/categories/taxonomy';

describe('plural', () => {
  it('puts the noun in the number of the count', () => {
    expect([plural(1, 'charge'), plural(3, 'charge'), plural(0, 'charge')]).toEqual(['1 charge', '3 charges', '0 charges']);
    expect([plural(1, 'anomaly'), plural(2, 'anomaly'), plural(2, 'day'), plural(2, 'fix'), plural(2, 'match')]).toEqual([
      '1 anomaly',
      '2 anomalies',
      '2 days',
      '2 fixes',
      '2 matches',
    ]);
    expect([plural(1, 'new anomaly', 'new anomalies'), plural(5, 'child', 'children')]).toEqual(['1 new anomaly', '5 children']);
  });
});

describe('article', () => {
  it('goes by the sound of the word', () => {
    const said = (words: string[]) => words.map((w) => `${article(w)} ${w}`);
    expect(
      said([
        'monthly',
        'annual',
        'yearly',
        'unusual',
        'hour',
        'honest',
        'user',
        'one-time',
        'unit',
        'euro',
        'ATM',
        'USB',
        'FX',
        'item',
      ]),
    ).toEqual([
      'a monthly',
      'an annual',
      'a yearly',
      'an unusual',
      'an hour',
      'an honest',
      'a user',
      'a one-time',
      'a unit',
      'a euro',
      'an ATM',
      'a USB',
      'an FX',
      'an item',
    ]);
  });
});

describe('categories as words', () => {
  it('reads an id as words', () => {
    expect(['phone-and-internet', 'pharmacy', 'atm-fees', 'home-office'].map(categoryName)).toEqual([
      'phone and internet',
      'pharmacy',
      'ATM fees',
      'home office',
    ]);
  });

  it('makes a plural noun phrase of each category', () => {
    expect(['pharmacy', 'food', 'health', 'phone-and-internet', 'groceries', 'rent', 'home-office'].map(categoryNoun)).toEqual([
      'pharmacy purchases',
      'food purchases',
      'health costs',
      'phone and internet bills',
      'grocery purchases',
      'rent payments',
      'home office purchases',
    ]);
  });

  it('has no hyphen and no plural before "purchases" for any built-in category money is spent in', () => {
    const names = TAXONOMY.filter((c) => c.name !== 'income').flatMap((c) => [c.name, ...(c.children ?? []).map((k) => k.name)]);
    // Words that end in s and are no plural.
    const massNouns = /\b(electronics|fitness|gas) purchases$/;
    for (const name of names) {
      const noun = categoryNoun(name);
      expect(noun, name).not.toMatch(/-/);
      if (!massNouns.test(noun)) expect(noun, name).not.toMatch(/s purchases$/);
    }
  });
});

describe('range', () => {
  it('joins two amounts with "to", and says one amount once', () => {
    expect([range('$24.04', '$34.07'), range('$30.00', '$30.00')]).toEqual(['$24.04 to $34.07', '$30.00']);
  });
});

describe('andList', () => {
  it('lists one, two and more items as a sentence does', () => {
    expect([andList([]), andList(['80%']), andList(['80%', '100%']), andList(['50%', '80%', '100%'])]).toEqual([
      '',
      '80%',
      '80% and 100%',
      '50%, 80% and 100%',
    ]);
  });
});
