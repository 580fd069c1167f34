import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Decrypter, Encrypter } from 'age-encryption';
import tar from 'tar-stream';
import { ARCHIVE_MEMBERS, type BackupManifest, parseManifest } from '../../core/backups/manifest';

/**
 * One backup file: a tar of the manifest, the data key and the database, encrypted with
 * age to the recovery key's public half (age-encryption.org/v1), so `age -d -i key.txt
 * backup.tar.age | tar x` opens it without finagg. Written by streaming (a million-row
 * database is 300 MB: never held in memory), read back the same way into a folder.
 */

export interface ArchiveParts {
  manifest: BackupManifest;
  dataKey: Buffer;
  /** An online copy of the database (copyDatabase), read as the archive is written. */
  databaseFile: string;
}

/** Writes the encrypted archive to `outFile` (0600), whole or not at all (a temporary name, then a rename). */
export async function writeEncryptedArchive(parts: ArchiveParts, recipient: string, outFile: string): Promise<number> {
  const pack = tar.pack();
  const mtime = new Date(parts.manifest.created_at);
  const add = (name: string, body: Buffer) => pack.entry({ name, mode: 0o600, mtime }, body);
  add(ARCHIVE_MEMBERS.manifest, Buffer.from(`${JSON.stringify(parts.manifest, null, 2)}\n`));
  // The key as it is kept in a key file: base64 text, a person can read it from the archive.
  add(ARCHIVE_MEMBERS.dataKey, Buffer.from(`${parts.dataKey.toString('base64')}\n`));
  const size = fs.statSync(parts.databaseFile).size;
  const entry = pack.entry({ name: ARCHIVE_MEMBERS.database, mode: 0o600, mtime, size });
  const packed = (async () => {
    await pipeline(fs.createReadStream(parts.databaseFile), entry);
    pack.finalize();
  })();

  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  const encrypted = await encrypter.encrypt(ReadableStream.from(pack as AsyncIterable<Uint8Array>));
  const temp = path.join(path.dirname(outFile), `.${path.basename(outFile)}.${process.pid}.tmp`);
  try {
    await Promise.all([packed, pipeline(Readable.fromWeb(encrypted as never), fs.createWriteStream(temp, { mode: 0o600 }))]);
    const fd = fs.openSync(temp, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, outFile);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return fs.statSync(outFile).size;
}

export interface OpenedArchive {
  manifest: BackupManifest;
  dataKey: Buffer;
  databaseFile: string;
}

/** Why an archive cannot be opened: said in one line by the caller, which names the file. */
export class ArchiveError extends Error {}

const MAX_SMALL_MEMBER = 64 * 1024;

/**
 * Decrypts and unpacks the archive into `intoDir` (made by the caller, private), checking
 * every byte: age authenticates each 64 KiB chunk and the end of the file, so a changed
 * or cut file fails here, before anything outside `intoDir` is touched.
 */
export async function openEncryptedArchive(file: string, identity: string, intoDir: string): Promise<OpenedArchive> {
  const decrypter = new Decrypter();
  try {
    decrypter.addIdentity(identity);
  } catch {
    // The library's message quotes the identity: never passed on.
    throw new ArchiveError('the recovery key is not a valid age identity');
  }
  let decrypted: ReadableStream<Uint8Array>;
  try {
    decrypted = await decrypter.decrypt(Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>);
  } catch (error) {
    throw new ArchiveError(describeAgeError(error));
  }
  const extract = tar.extract();
  const small = new Map<string, Buffer>();
  const databaseFile = path.join(intoDir, 'finagg.db');
  let sawDatabase = false;
  const feeding: Promise<void> = pipeline(Readable.fromWeb(decrypted as never), extract as unknown as NodeJS.WritableStream);
  try {
    for await (const entry of extract) {
      const { name, type } = entry.header;
      if (type !== 'file') throw new ArchiveError(`it holds ${JSON.stringify(name)}, which is not a file`);
      if (name === ARCHIVE_MEMBERS.database && !sawDatabase) {
        sawDatabase = true;
        await pipeline(entry, fs.createWriteStream(databaseFile, { mode: 0o600 }));
      } else if ((name === ARCHIVE_MEMBERS.manifest || name === ARCHIVE_MEMBERS.dataKey) && !small.has(name)) {
        const chunks: Buffer[] = [];
        let bytes = 0;
        for await (const chunk of entry as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          if (bytes > MAX_SMALL_MEMBER) throw new ArchiveError(`its ${name} is too large`);
          chunks.push(chunk);
        }
        small.set(name, Buffer.concat(chunks));
      } else {
        throw new ArchiveError(`it holds ${JSON.stringify(name)}, which a finagg backup does not`);
      }
    }
    await feeding;
  } catch (error) {
    feeding.catch(() => undefined);
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(describeAgeError(error));
  }
  const manifestText = small.get(ARCHIVE_MEMBERS.manifest);
  const keyText = small.get(ARCHIVE_MEMBERS.dataKey);
  if (!manifestText || !keyText || !sawDatabase) throw new ArchiveError('it lacks the manifest, the data key or the database');
  const manifest = parseManifest(manifestText.toString('utf8'));
  if ('error' in manifest) throw new ArchiveError(manifest.error);
  const dataKey = Buffer.from(keyText.toString('utf8').trim(), 'base64');
  if (dataKey.length !== 32) throw new ArchiveError('its data key is not 32 bytes');
  return { manifest, dataKey, databaseFile };
}

/** age's errors in a person's words; the identity is never part of them. */
function describeAgeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/no identity matched/i.test(message)) return 'it was not encrypted to this recovery key';
  if (/invalid tag|truncated|unexpected end|premature|last chunk|header/i.test(message))
    return 'it is damaged or cut short (it fails its authentication check)';
  if (/invalid|tar|header|size/i.test(message)) return 'it is not a whole finagg backup';
  return 'it could not be decrypted';
}
