import crypto from 'node:crypto';
import * as z from '../../validation/zod';

/**
 * The cursor of an account's transaction listing. Enable Banking pages one listing with a
 * continuation key that only works with the same `date_from`, so the cursor carries both,
 * and what the listing has gathered so far (how far back it reached, what it left out,
 * the counts of identical reference-less records of the days it stopped in). Opaque to
 * the sync: `enablebanking:1:` and base64url of JSON. A listing read to its end gives
 * DONE, and the next sync starts a fresh listing from its `since`.
 */

const PREFIX = 'enablebanking:1:';
export const DONE = `${PREFIX}done`;

export interface Listing {
  /** 8 hex of SHA-256 of the account's key: a cursor of another account is not taken up. */
  account: string;
  /** The `date_from` of every request of the listing. */
  dateFrom: string;
  /** The key of the next page. */
  continuation: string;
  /** A first or full sync: `strategy=longest`, and a notice of how far back it reached. */
  history: boolean;
  /** The earliest date of a record listed so far. */
  earliest: string | null;
  /** Records left out so far, by status. */
  leftOut: Record<string, number>;
  /** Pages read so far (a bound against a server that never ends a listing). */
  pages: number;
  /** Identical reference-less records counted so far, of the days `span` covers: [date, counter key, n]. */
  counts: [string, number, number][];
  /** The days of the last page that had counted records. */
  span: [string, string] | null;
}

const DATE = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

const listingSchema = z.object({
  a: z.string(),
  f: DATE,
  k: z.string().check(z.minLength(1)),
  h: z.boolean(),
  e: z.nullable(DATE),
  x: z.record(z.string(), z.int().check(z.minimum(0))),
  p: z.int().check(z.minimum(0)),
  o: z.array(z.tuple([DATE, z.number(), z.int().check(z.minimum(0))])),
  r: z.nullable(z.tuple([DATE, DATE])),
});

export const accountTag = (key: string): string => crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);

export function writeCursor(l: Listing): string {
  const state: z.infer<typeof listingSchema> = {
    a: l.account,
    f: l.dateFrom,
    k: l.continuation,
    h: l.history,
    e: l.earliest,
    x: l.leftOut,
    p: l.pages,
    o: l.counts,
    r: l.span,
  };
  return PREFIX + Buffer.from(JSON.stringify(state)).toString('base64url');
}

/** The listing a cursor goes on with; undefined for DONE, null, or a cursor that is not one of these (start afresh). */
export function readCursor(cursor: string | null): Listing | undefined {
  if (cursor === null || cursor === DONE || !cursor.startsWith(PREFIX)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = listingSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const s = parsed.data;
  return {
    account: s.a,
    dateFrom: s.f,
    continuation: s.k,
    history: s.h,
    earliest: s.e,
    leftOut: { ...s.x },
    pages: s.p,
    counts: s.o,
    span: s.r,
  };
}
