import type { Db } from './kysely';

/** An account by its id, or by its name (case-insensitive) when the text is not a number. */
export async function findAccountRef(db: Db, ref: string): Promise<{ id: number; name: string } | undefined> {
  const query = db.selectFrom('accounts').select(['id', 'name']);
  if (/^\d+$/.test(ref)) return query.where('id', '=', Number(ref)).executeTakeFirst();
  const matches = await query
    .where((eb) => eb(eb.fn('lower', ['name']), '=', ref.toLowerCase()))
    .limit(2)
    .execute();
  return matches.length === 1 ? matches[0] : undefined;
}
