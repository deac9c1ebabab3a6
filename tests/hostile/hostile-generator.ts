import zlib from 'node:zlib';
import { rawZip, type RawEntry } from '../support/raw-zip.js';

/**
 * Deterministic generator of malformed .xlsx/.docx files (ADR 0022). Every file is small to send but
 * hostile to read: the categories are those of issue 7 («Доверие», hostile files).
 */

export type HostileCategory =
  | 'zip-bomb'
  | 'many-entries'
  | 'path-traversal'
  | 'billion-laughs'
  | 'truncated'
  | 'wrong-magic'
  | 'encrypted'
  | 'huge-dimensions'
  | 'corrupt-data';

export const hostileCategories: HostileCategory[] = [
  'zip-bomb',
  'many-entries',
  'path-traversal',
  'billion-laughs',
  'truncated',
  'wrong-magic',
  'encrypted',
  'huge-dimensions',
  'corrupt-data',
];

export interface HostileFile {
  category: HostileCategory;
  kind: 'xlsx' | 'docx';
  name: string;
  data: Buffer;
}

/** mulberry32: a tiny seeded PRNG, so every run sends the same files. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}


const CT = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const WB =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WB_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const sheetXml = (inner: string, dimension = 'A1:B2') =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="${dimension}"/><sheetData>${inner}</sheetData></worksheet>`;
const SHEET_ROWS = '<row r="1"><c r="A1" t="inlineStr"><is><t>Фамилия</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Иванов</t></is></c></row>';
const DOC = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
const DOC_BODY = '<w:p><w:r><w:t>План мероприятий</w:t></w:r></w:p>';

const xml = (s: string) => Buffer.from(s, 'utf8');

/** The parts of a small, valid file of the kind, by name; a generator replaces or adds parts. */
function baseParts(kind: 'xlsx' | 'docx'): Map<string, Buffer> {
  return kind === 'xlsx'
    ? new Map([
        ['[Content_Types].xml', xml(CT)],
        ['xl/workbook.xml', xml(WB)],
        ['xl/_rels/workbook.xml.rels', xml(WB_RELS)],
        ['xl/worksheets/sheet1.xml', xml(sheetXml(SHEET_ROWS))],
      ])
    : new Map([
        ['[Content_Types].xml', xml(CT)],
        ['word/document.xml', xml(DOC(DOC_BODY))],
      ]);
}

export const validFile = (kind: 'xlsx' | 'docx') => rawZip([...baseParts(kind)].map(([name, data]) => ({ name, data, deflate: true })));

const mainPart = (kind: 'xlsx' | 'docx') => (kind === 'xlsx' ? 'xl/worksheets/sheet1.xml' : 'word/document.xml');

// Payloads that are expensive to build are made once and shared by all files of a run.
const MiB = 1024 * 1024;
let bombCache: { bytes: number; packed: Buffer; crc: number } | null = null;
function bomb() {
  if (!bombCache) {
    const bytes = 48 * MiB;
    const raw = Buffer.alloc(bytes, 0x20); // spaces: valid XML whitespace, ~1000:1 under deflate
    bombCache = { bytes, packed: zlib.deflateRawSync(raw, { level: 9 }), crc: zlib.crc32(raw) };
  }
  return bombCache;
}

// Only the packed bytes are kept (with the true CRC and size), not the megabytes of XML.
const packedCache = new Map<string, { packed: Buffer; crc: number; declared: number }>();
function packedRepeat(key: string, make: () => string) {
  let hit = packedCache.get(key);
  if (!hit) {
    const data = xml(make());
    hit = { packed: zlib.deflateRawSync(data, { level: 9 }), crc: zlib.crc32(data), declared: data.length };
    packedCache.set(key, hit);
  }
  return hit;
}

type Rng = ReturnType<typeof rng>;

function zipBomb(r: Rng, kind: 'xlsx' | 'docx'): Buffer {
  const b = bomb();
  const parts = [...baseParts(kind)].filter(([n]) => n !== mainPart(kind)).map(([name, data]) => ({ name, data, deflate: true }) as RawEntry);
  const variant = r.int(0, 3);
  if (variant === 0) {
    // honest about 48 MiB, but many copies: the declared total is over the limit
    const copies = r.int(5, 12);
    for (let i = 0; i < copies; i++) parts.push({ name: i ? `xl/media/bomb${i}.xml` : mainPart(kind), packed: b.packed, crc: b.crc, declared: b.bytes });
  } else if (variant === 1) {
    // lies small: a few KB declared, 48 MiB inside
    parts.push({ name: mainPart(kind), packed: b.packed, crc: b.crc, declared: r.int(100, 64 * 1024) });
  } else if (variant === 2) {
    // declares the maximum a 32-bit field can hold
    parts.push({ name: mainPart(kind), packed: b.packed, crc: b.crc, declared: 0xfffffffe - r.int(0, 1000) });
  } else {
    // several entries each lying small, nested names
    const n = r.int(2, 6);
    parts.push({ name: mainPart(kind), packed: b.packed, crc: b.crc, declared: r.int(1, 4096) });
    for (let i = 1; i < n; i++) parts.push({ name: `customXml/item${i}.xml`, packed: b.packed, crc: b.crc, declared: r.int(1, 4096) });
  }
  return rawZip(parts);
}

function manyEntries(r: Rng, kind: 'xlsx' | 'docx'): Buffer {
  const n = r.int(5_001, 10_000);
  const entries: RawEntry[] = [...baseParts(kind)].map(([name, data]) => ({ name, data }));
  for (let i = entries.length; i < n; i++) entries.push({ name: `m/${i.toString(36)}` });
  return rawZip(entries);
}

const TRAVERSAL = ['../evil.xml', '../../../../etc/passwd', '/etc/passwd', '\\windows\\system32\\x.dll', 'C:/x.xml', 'c:\\x.xml', 'xl/../../x.xml', 'xl\\..\\..\\x', 'word/../../../tmp/x', './../x', 'a/b/../../../x', '//server/share/x'];

function pathTraversal(r: Rng, kind: 'xlsx' | 'docx'): Buffer {
  const entries: RawEntry[] = [...baseParts(kind)].map(([name, data]) => ({ name, data, deflate: true }));
  const evil = r.pick(TRAVERSAL);
  entries.splice(r.int(0, entries.length), 0, { name: evil, data: xml('<x/>') });
  return rawZip(entries);
}

function laughs(depth: number, width: number) {
  let dtd = '<!ENTITY lol0 "lol">';
  for (let i = 1; i <= depth; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(width)}">`;
  return dtd;
}

function billionLaughs(r: Rng, kind: 'xlsx' | 'docx'): Buffer {
  const parts = baseParts(kind);
  const variant = r.int(0, 5);
  const root = kind === 'xlsx' ? 'worksheet' : 'w:document';
  const doctype = [
    `<!DOCTYPE ${root} [${laughs(r.int(5, 10), 10)}]>`,
    `<!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`,
    `<!doctype ${root} [<!ENTITY % p SYSTEM "http://127.0.0.1:1/evil.dtd"> %p;]>`,
    `<!  DOCTYPE ${root} [${laughs(3, 20)}]>`,
    `<!DOCTYPE ${root} SYSTEM "http://127.0.0.1:1/x.dtd">`,
    `<!DOCTYPE ${root} [${laughs(9, 10)}]>`,
  ][variant];
  const target = r.pick(kind === 'xlsx' ? ['xl/worksheets/sheet1.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/sharedStrings.xml'] : ['word/document.xml', '[Content_Types].xml', 'word/styles.xml', '_rels/.rels']);
  const body = kind === 'xlsx' ? sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>&lol1;</t></is></c></row>') : DOC('<w:p><w:r><w:t>&lol1;</w:t></w:r></w:p>');
  const text = `<?xml version="1.0" encoding="UTF-8"?>${doctype}${body.replace(/^<\?xml[^>]*>/, '')}`;
  // one in four is UTF-16 with a BOM, which a byte-wise search for "<!DOCTYPE" would miss
  const bytes = r.int(0, 3) === 0 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace('UTF-8', 'UTF-16'), 'utf16le')]) : xml(text);
  parts.set(target, bytes);
  return rawZip([...parts].map(([name, data]) => ({ name, data, deflate: r.next() < 0.7 })));
}

function truncated(r: Rng, kind: 'xlsx' | 'docx'): Buffer {
  const full = validFile(kind);
  return full.subarray(0, r.int(0, full.length - 1));
}

const NOT_OFFICE: Buffer[] = [
  Buffer.from('ФИО;Дата рождения\nИванов Иван;01.02.1990\n'),
  Buffer.from('<html><body><script>alert(1)</script></body></html>'),
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), // ELF
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), // Windows executable
  Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), // gzip
  Buffer.from('Rar!\x1a\x07\x00'),
  Buffer.from('7z\xbc\xaf\x27\x1c'),
  Buffer.from('{\\rtf1\\ansi Приказ}'),
  Buffer.from('PK\x05\x06' + '\0'.repeat(18)), // an empty zip
  Buffer.from('PK\x03\x04'),
  Buffer.from('<?xml version="1.0"?><worksheet/>'),
];

function wrongMagic(r: Rng): Buffer {
  if (r.next() < 0.5) return Buffer.concat([r.pick(NOT_OFFICE), randomBytes(r, r.int(0, 2048))]);
  const bytes = randomBytes(r, r.int(1, 4096));
  // never by chance a PDF, PNG or JPEG: those are valid evidence files
  if ([0x25, 0x89, 0xff].includes(bytes[0])) bytes[0] = 0x00;
  return bytes;
}

function randomBytes(r: Rng, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = r.int(0, 255);
  return b;
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function encrypted(r: Rng, kind: 'xlsx' | 'docx'): Buffer {
  const variant = r.int(0, 2);
  if (variant === 0) {
    // what Office writes for a password-protected file: a CFB container with an EncryptedPackage stream
    return Buffer.concat([OLE2, randomBytes(r, r.int(100, 1500)), Buffer.from('EncryptedInfo', 'utf16le'), Buffer.from('EncryptedPackage', 'utf16le'), randomBytes(r, r.int(100, 1500))]);
  }
  if (variant === 1) return Buffer.concat([OLE2, randomBytes(r, r.int(0, 3000))]); // a legacy .xls/.doc
  // a zip whose parts carry the "encrypted" flag (traditional PKWARE encryption)
  return rawZip([...baseParts(kind)].map(([name, data]) => ({ name, data: randomBytes(r, data.length + 12), flags: 1, crc: r.int(0, 0xffffffff) })));
}

function hugeDimensions(r: Rng, kind: 'xlsx' | 'docx'): Buffer {
  const parts = [...baseParts(kind)].filter(([n]) => n !== mainPart(kind)).map(([name, data]) => ({ name, data, deflate: true }) as RawEntry);
  const variant = kind === 'docx' ? 3 + r.int(0, 1) : r.int(0, 2);
  if (variant === 0) {
    const dim = r.pick(['A1:XFD1048576', 'A1:Z1048576', 'B2:XFD500000', 'A1:AZ200000', 'A1048576']);
    // one cell in A1048576 alone is fine; claimed areas are not
    const d = dim === 'A1048576' ? 'A1:XFD1048576' : dim;
    parts.push({ name: mainPart(kind), data: xml(sheetXml(SHEET_ROWS, d)), deflate: true });
  } else if (variant === 1) {
    // a sheet really holding 150,000 empty rows (≈2 MB of XML, a few KB packed)
    const p = packedRepeat('rows', () => sheetXml(Array.from({ length: 150_000 }, (_, i) => `<row r="${i + 1}"/>`).join(''), 'A1:A1'));
    parts.push({ name: mainPart(kind), ...p });
  } else if (variant === 2) {
    // 2.1 million cells in a handful of rows, with a modest <dimension>
    const p = packedRepeat('cells', () => sheetXml(`<row r="1">${'<c/>'.repeat(2_100_000)}</row>`, 'A1:C3'));
    parts.push({ name: mainPart(kind), ...p });
  } else if (variant === 3) {
    const p = packedRepeat('tr', () => DOC(`<w:tbl>${'<w:tr><w:tc><w:p/></w:tc></w:tr>'.repeat(120_000)}</w:tbl>`));
    parts.push({ name: mainPart(kind), ...p });
  } else {
    const p = packedRepeat('tc', () => DOC(`<w:tbl><w:tr>${'<w:tc/>'.repeat(2_100_000)}</w:tr></w:tbl>`));
    parts.push({ name: mainPart(kind), ...p });
  }
  return rawZip(parts);
}

/** Valid headers, damaged bytes inside a compressed or stored part: only the data and its CRC disagree. */
function corruptData(r: Rng, kind: 'xlsx' | 'docx'): Buffer {
  const parts = [...baseParts(kind)];
  const [name, data] = r.pick(parts);
  const deflate = r.next() < 0.6;
  const body = deflate ? zlib.deflateRawSync(data) : Buffer.from(data);
  const flips = r.int(1, 6);
  for (let i = 0; i < flips; i++) body[r.int(0, body.length - 1)] ^= r.int(1, 255);
  return rawZip(parts.map(([n, d]) => (n === name ? { name: n, data: d, packed: deflate ? body : undefined, ...(deflate ? {} : { data: body, crc: zlib.crc32(d) }) } : { name: n, data: d, deflate: true })));
}

/** Builds the shared payloads up front, so that a memory measurement does not count them. */
export function warmHostileGenerator(): void {
  bomb();
  for (const _ of generateHostileFiles(hostileCategories.length * 6, 1)) void _;
}

/**
 * `count` hostile files, cycling through the categories and both kinds; the same seed gives the same
 * files. A generator: each file is made when asked for, so a run never holds them all.
 */
export function* generateHostileFiles(count: number, seed = 7, kindOf?: (i: number) => 'xlsx' | 'docx' | undefined): Generator<HostileFile> {
  const r = rng(seed);
  for (let i = 0; i < count; i++) {
    const category = hostileCategories[i % hostileCategories.length];
    const coin: 'xlsx' | 'docx' = r.next() < 0.5 ? 'xlsx' : 'docx';
    const kind = kindOf?.(i) ?? coin;
    const make: Record<HostileCategory, () => Buffer> = {
      'zip-bomb': () => zipBomb(r, kind),
      'many-entries': () => manyEntries(r, kind),
      'path-traversal': () => pathTraversal(r, kind),
      'billion-laughs': () => billionLaughs(r, kind),
      truncated: () => truncated(r, kind),
      'wrong-magic': () => wrongMagic(r),
      encrypted: () => encrypted(r, kind),
      'huge-dimensions': () => hugeDimensions(r, kind),
      'corrupt-data': () => corruptData(r, kind),
    };
    yield { category, kind, name: `hostile-${String(i).padStart(4, '0')}.${kind}`, data: make[category]() };
  }
}
