// A zip built byte by byte, for tests of the upload pre-check: the headers say whatever a test wants.
import zlib from 'node:zlib';

export interface RawEntry {
  name: string;
  data?: Buffer;
  /** Already deflated bytes (then `data` is only used for the CRC, if given). */
  packed?: Buffer;
  deflate?: boolean;
  /** Sizes to write into the headers instead of the true ones (lies on purpose). */
  declared?: number;
  crc?: number;
  flags?: number;
}

/** A zip built byte by byte, so the headers can say whatever a test wants. */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = e.data ?? Buffer.alloc(0);
    const body = e.packed ?? (e.deflate ? zlib.deflateRawSync(data) : data);
    const method = e.packed || e.deflate ? 8 : 0;
    const flags = (e.flags ?? 0) | 0x800;
    const crc = e.crc ?? zlib.crc32(data);
    const size = e.declared ?? data.length;
    const lfh = Buffer.alloc(30);
    lfh.writeUInt32LE(0x04034b50, 0);
    lfh.writeUInt16LE(20, 4);
    lfh.writeUInt16LE(flags, 6);
    lfh.writeUInt16LE(method, 8);
    lfh.writeUInt32LE(crc, 14);
    lfh.writeUInt32LE(body.length, 18);
    lfh.writeUInt32LE(size >>> 0, 22);
    lfh.writeUInt16LE(name.length, 26);
    const cdh = Buffer.alloc(46);
    cdh.writeUInt32LE(0x02014b50, 0);
    cdh.writeUInt16LE(20, 4);
    cdh.writeUInt16LE(20, 6);
    cdh.writeUInt16LE(flags, 8);
    cdh.writeUInt16LE(method, 10);
    cdh.writeUInt32LE(crc, 16);
    cdh.writeUInt32LE(body.length, 20);
    cdh.writeUInt32LE(size >>> 0, 24);
    cdh.writeUInt16LE(name.length, 28);
    cdh.writeUInt32LE(offset, 42);
    locals.push(lfh, name, body);
    central.push(cdh, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}
