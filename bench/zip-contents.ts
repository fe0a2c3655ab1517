import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * What a zip holds, by top-level package: `node_modules/<name>` (or `@scope/name`), else the first
 * path segment. Sizes are compressed bytes, read from the zip's central directory.
 */
export function zipContents(file: string): {
  total: number;
  entries: number;
  byPackage: Map<string, number>;
} {
  const zip = fs.readFileSync(file);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error(`${file} is not a zip`);
  const entries = zip.readUInt16LE(end + 10);
  const byPackage = new Map<string, number>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i += 1) {
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const parts = name.split('/');
    const key =
      parts[0] === 'node_modules'
        ? parts.slice(1, parts[1]?.startsWith('@') ? 3 : 2).join('/')
        : parts.length > 1
          ? `${parts[0]}/`
          : parts[0];
    byPackage.set(key, (byPackage.get(key) ?? 0) + compressed);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { total: fs.statSync(file).size, entries, byPackage };
}

/** Unpacks a zip (stored or deflated files) into `dir`. */
export function unzip(file: string, dir: string): void {
  const zip = fs.readFileSync(file);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i -= 1) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    const target = path.join(dir, name);
    if (!name.endsWith('/')) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, method === 8 ? zlib.inflateRawSync(data) : data);
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
}
