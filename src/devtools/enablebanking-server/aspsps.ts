// The banks GET /aspsps lists. Only the sandbox bank is served here; the others are there so
// that a client's bank picker, country filter and per-bank consent limits have something to
// work on. Maximum consent validity is in seconds, as the API gives it.

export const testBankName = 'Finagg Testbank';
export const testBankCountry = 'DE';

const day = 86_400;

export interface Aspsp {
  readonly name: string;
  readonly country: string;
  readonly bic?: string;
  readonly psuTypes: readonly ('personal' | 'business')[];
  readonly maximumConsentValidity: number;
  readonly beta: boolean;
  /** The bank this server answers for. */
  readonly served: boolean;
}

const both = ['personal', 'business'] as const;
const personal = ['personal'] as const;

export const aspsps: readonly Aspsp[] = [
  {
    name: testBankName,
    country: 'DE',
    bic: 'FNAGDEB1XXX',
    psuTypes: personal,
    maximumConsentValidity: 180 * day,
    beta: false,
    served: true,
  },
  {
    name: 'Deutsche Bank',
    country: 'DE',
    bic: 'DEUTDEFFXXX',
    psuTypes: both,
    maximumConsentValidity: 180 * day,
    beta: false,
    served: false,
  },
  {
    name: 'Commerzbank',
    country: 'DE',
    bic: 'COBADEFFXXX',
    psuTypes: both,
    maximumConsentValidity: 90 * day,
    beta: false,
    served: false,
  },
  {
    name: 'Postbank',
    country: 'DE',
    bic: 'PBNKDEFFXXX',
    psuTypes: personal,
    maximumConsentValidity: 90 * day,
    beta: false,
    served: false,
  },
  {
    name: 'ING',
    country: 'DE',
    bic: 'INGDDEFFXXX',
    psuTypes: personal,
    maximumConsentValidity: 180 * day,
    beta: false,
    served: false,
  },
  {
    name: 'DKB',
    country: 'DE',
    bic: 'BYLADEM1001',
    psuTypes: personal,
    maximumConsentValidity: 90 * day,
    beta: false,
    served: false,
  },
  {
    name: 'Berliner Sparkasse',
    country: 'DE',
    bic: 'BELADEBEXXX',
    psuTypes: both,
    maximumConsentValidity: 180 * day,
    beta: false,
    served: false,
  },
  {
    name: 'Berliner Volksbank',
    country: 'DE',
    bic: 'BEVODEBBXXX',
    psuTypes: both,
    maximumConsentValidity: 90 * day,
    beta: false,
    served: false,
  },
  {
    name: 'N26',
    country: 'DE',
    bic: 'NTSBDEB1XXX',
    psuTypes: personal,
    maximumConsentValidity: 90 * day,
    beta: false,
    served: false,
  },
  {
    name: 'comdirect',
    country: 'DE',
    bic: 'COBADEHDXXX',
    psuTypes: personal,
    maximumConsentValidity: 90 * day,
    beta: true,
    served: false,
  },
  {
    name: 'HypoVereinsbank',
    country: 'DE',
    bic: 'HYVEDEMMXXX',
    psuTypes: both,
    maximumConsentValidity: 180 * day,
    beta: false,
    served: false,
  },
  {
    name: 'Nordea',
    country: 'FI',
    bic: 'NDEAFIHHXXX',
    psuTypes: both,
    maximumConsentValidity: 180 * day,
    beta: false,
    served: false,
  },
  { name: 'OP', country: 'FI', bic: 'OKOYFIHHXXX', psuTypes: both, maximumConsentValidity: 90 * day, beta: false, served: false },
  {
    name: 'Swedbank',
    country: 'SE',
    bic: 'SWEDSESSXXX',
    psuTypes: both,
    maximumConsentValidity: 180 * day,
    beta: false,
    served: false,
  },
  {
    name: 'ABN AMRO',
    country: 'NL',
    bic: 'ABNANL2AXXX',
    psuTypes: both,
    maximumConsentValidity: 90 * day,
    beta: false,
    served: false,
  },
  {
    name: 'BNP Paribas',
    country: 'FR',
    bic: 'BNPAFRPPXXX',
    psuTypes: personal,
    maximumConsentValidity: 90 * day,
    beta: true,
    served: false,
  },
];

export function findAspsp(name: string, country: string): Aspsp | undefined {
  return aspsps.find((aspsp) => aspsp.name === name && aspsp.country === country.toUpperCase());
}

export function logoSlug(aspsp: Aspsp): string {
  return `${aspsp.country.toLowerCase()}-${aspsp.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** The wire form of GET /aspsps. */
export function aspspResource(aspsp: Aspsp, origin: string): Record<string, unknown> {
  return {
    name: aspsp.name,
    country: aspsp.country,
    logo: `${origin}/logos/${logoSlug(aspsp)}.svg`,
    psu_types: [...aspsp.psuTypes],
    auth_methods: aspsp.psuTypes.map((psuType) => ({
      name: 'online_banking',
      title: 'Online banking',
      psu_type: psuType,
      approach: 'REDIRECT',
      hidden_method: false,
    })),
    maximum_consent_validity: aspsp.maximumConsentValidity,
    beta: aspsp.beta,
    ...(aspsp.bic === undefined ? {} : { bic: aspsp.bic }),
  };
}

/** A square with the bank's initials, so that a logo URL answers with something. */
export function logoSvg(aspsp: Aspsp): string {
  const initials = aspsp.name
    .split(/\s+/)
    .map((word) => word[0] ?? '')
    .join('')
    .slice(0, 3)
    .replace(/[^A-Za-z0-9]/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="10" fill="#2d5d7b"/><text x="32" y="40" font-family="sans-serif" font-size="22" fill="#fff" text-anchor="middle">${initials}</text></svg>\n`;
}
