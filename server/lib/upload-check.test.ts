import zlib from 'node:zlib';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { checkOfficeUpload, listZipEntries, readZipEntryLimited, scanOfficeParts, UploadRejectedError } from './upload-check.js';

import { rawZip, type RawEntry } from '../../tests/support/raw-zip.js';

const xlsxLike = (extra: RawEntry[] = []) =>
  rawZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }, ...extra]);

/** Runs the check and returns the rejection code, or 'ok'. */
function codeOf(buf: Buffer, opts: Parameters<typeof checkOfficeUpload>[1] = { expect: 'xlsx' }): string {
  try {
    checkOfficeUpload(buf, opts);
    return 'ok';
  } catch (e) {
    if (!(e instanceof UploadRejectedError)) throw e;
    expect(e.message).toMatch(/[а-яё]/i); // the message is for the user, in Russian
    return e.code;
  }
}

function rejection(buf: Buffer, opts: Parameters<typeof checkOfficeUpload>[1] = { expect: 'xlsx' }): UploadRejectedError {
  try {
    checkOfficeUpload(buf, opts);
  } catch (e) {
    if (e instanceof UploadRejectedError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

describe('checkOfficeUpload', () => {
  it('accepts a well-formed xlsx and a well-formed docx', async () => {
    expect(codeOf(xlsxLike())).toBe('ok');
    const docx = new JSZip();
    docx.file('word/document.xml', '<w:document/>');
    expect(codeOf(await docx.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), { expect: 'docx' })).toBe('ok');
  });

  it('rejects a file over maxBytes, reporting both sizes', () => {
    const buf = xlsxLike([{ name: 'pad.bin', data: Buffer.alloc(3 * 1024 * 1024) }]);
    const e = rejection(buf, { expect: 'xlsx', maxBytes: 2 * 1024 * 1024 });
    expect(e.code).toBe('too_large');
    expect(e.status).toBe(413);
    expect(e.message).toBe('Файл слишком большой: 3 МБ, допустимо не более 2 МБ.');
    expect(codeOf(buf, { expect: 'xlsx', maxBytes: buf.length })).toBe('ok');
  });

  it('rejects anything that is not a zip by its magic bytes', () => {
    expect(codeOf(Buffer.alloc(0))).toBe('not_zip');
    expect(codeOf(Buffer.from('ФИО;Дата\nИванов;01.02.2024\n'))).toBe('not_zip');
    expect(codeOf(Buffer.from('%PDF-1.7\n' + 'x'.repeat(100)))).toBe('bad_type');
    expect(rejection(Buffer.from('%PDF-1.7\n')).message).toBe('Загружен PDF, а нужен файл в формате .xlsx. PDF не поддерживается.');
    expect(rejection(Buffer.from('hello world, this is text')).message).toBe(
      'Файл не является книгой Excel (.xlsx). Сохраните его в формате .xlsx.',
    );
  });

  it('tells a legacy .xls/.doc (OLE2) from a password-protected file', () => {
    const legacy = Buffer.concat([OLE2, Buffer.alloc(1024)]);
    const e = rejection(legacy);
    expect(e.code).toBe('bad_type');
    expect(e.message).toContain('сохраните в формате .xlsx');
    const encrypted = Buffer.concat([OLE2, Buffer.alloc(512), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(64)]);
    expect(codeOf(encrypted)).toBe('encrypted');
    expect(rejection(encrypted, { expect: 'docx' }).message).toBe('Файл защищён паролем. Снимите пароль и сохраните файл в формате .docx.');
  });

  it('rejects an entry with the zip encryption flag', () => {
    expect(codeOf(xlsxLike([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('x'), flags: 1 }]))).toBe('encrypted');
  });

  it.each(['../x', 'xl/../../etc/passwd', '/etc/passwd', '\\windows\\x', 'C:/x.xml', 'd:x', 'xl\\..\\x'])(
    'rejects the entry path %j',
    (name) => {
      expect(codeOf(xlsxLike([{ name, data: Buffer.from('x') }]))).toBe('bad_path');
    },
  );

  it('allows names that merely contain dots', () => {
    expect(codeOf(xlsxLike([{ name: 'xl/..data/a..b.xml', data: Buffer.from('x') }]))).toBe('ok');
  });

  it('rejects a zip with 6,000 entries, and respects a custom maxEntries', () => {
    const many = xlsxLike(Array.from({ length: 5_998 }, (_, i) => ({ name: `xl/media/i${i}.bin` })));
    expect(listZipEntries(many)).toHaveLength(6_000);
    const e = rejection(many);
    expect(e.code).toBe('too_many_entries');
    expect(e.message).toBe('Файл содержит слишком много частей (6000, допустимо не более 5000).');
    expect(codeOf(many, { expect: 'xlsx', maxEntries: 6_000 })).toBe('ok');
    expect(codeOf(xlsxLike([{ name: 'a' }]), { expect: 'xlsx', maxEntries: 2 })).toBe('too_many_entries');
  });

  it('rejects a hand-built zip declaring 1 GiB unpacked', () => {
    const bomb = xlsxLike([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), declared: 1024 ** 3 }]);
    expect(codeOf(bomb)).toBe('unpacked_too_large');
    expect(codeOf(bomb, { expect: 'xlsx', maxUnpackedBytes: 2 * 1024 ** 3 })).toBe('ok');
  });

  it('rejects a jszip-made zip whose central directory was patched to 1 GiB', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', 'a'.repeat(10_000));
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(codeOf(buf)).toBe('ok');
    // The last occurrence of the name is in the central directory; its header starts 46 bytes earlier.
    const cdh = buf.lastIndexOf('xl/worksheets/sheet1.xml') - 46;
    expect(buf.readUInt32LE(cdh)).toBe(0x02014b50);
    buf.writeUInt32LE(1024 ** 3, cdh + 24); // "uncompressed size"
    const e = rejection(buf);
    expect(e.code).toBe('unpacked_too_large');
    expect(e.message).toBe('Содержимое файла после распаковки слишком велико (1024 МБ, допустимо не более 200 МБ).');
  });

  it('rejects a docx given where an xlsx is expected, and the other way round', () => {
    const docx = rawZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    const e = rejection(docx);
    expect(e.code).toBe('bad_type');
    expect(e.status).toBe(415);
    expect(e.message).toBe('Загружен документ Word (.docx), а нужна книга Excel (.xlsx).');
    expect(rejection(xlsxLike(), { expect: 'docx' }).message).toBe('Загружена книга Excel (.xlsx), а нужен документ Word (.docx).');
    const odsOrOther = rawZip([{ name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') }]);
    expect(rejection(odsOrOther).message).toBe('Файл не является книгой Excel (.xlsx). Сохраните его в формате .xlsx.');
  });

  it('rejects a truncated zip and duplicate entry names as broken', () => {
    const good = xlsxLike([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    expect(codeOf(good.subarray(0, good.length - 10))).toBe('broken');
    // An EOCD pointing past itself.
    const bad = Buffer.from(good);
    bad.writeUInt32LE(bad.length, bad.length - 6);
    expect(codeOf(bad)).toBe('broken');
    expect(codeOf(xlsxLike([{ name: 'xl/workbook.xml', data: Buffer.from('<other/>') }]))).toBe('broken');
  });

  it('never throws anything but UploadRejectedError on random or mutated input', () => {
    const base = xlsxLike([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>'), deflate: true }]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(typeof codeOf(Buffer.from(bytes))).toBe('string');
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), (edits) => {
        const buf = Buffer.from(base);
        for (const [at, v] of edits) buf[at] = v;
        expect(typeof codeOf(buf)).toBe('string');
      }),
    );
  });
});

describe('readZipEntryLimited', () => {
  const xml = Buffer.from('<?xml version="1.0"?><worksheet>' + 'Я'.repeat(5_000) + '</worksheet>');

  it('inflates a deflated and a stored entry', async () => {
    const buf = xlsxLike([
      { name: 'xl/a.xml', data: xml, deflate: true },
      { name: 'xl/b.xml', data: xml },
    ]);
    const [a, b] = listZipEntries(buf).slice(2);
    expect((await readZipEntryLimited(buf, a)).equals(xml)).toBe(true);
    expect((await readZipEntryLimited(buf, b)).equals(xml)).toBe(true);
  });

  it('refuses an entry that inflates to more than it declared', async () => {
    const buf = xlsxLike([{ name: 'xl/a.xml', data: xml, deflate: true, declared: 100 }]);
    const e = await readZipEntryLimited(buf, listZipEntries(buf)[2]).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(UploadRejectedError);
    expect((e as UploadRejectedError).code).toBe('broken');
    expect((e as UploadRejectedError).message).toBe('Файл повреждён: не удаётся распаковать часть «xl/a.xml».');
  });

  it('refuses an entry above maxBytes and corrupt deflate data', async () => {
    const buf = xlsxLike([{ name: 'xl/a.xml', data: xml, deflate: true }]);
    const entry = listZipEntries(buf)[2];
    await expect(readZipEntryLimited(buf, entry, 1_000)).rejects.toMatchObject({ code: 'unpacked_too_large' });
    const bad = Buffer.from(buf);
    const dataAt = entry.localOffset + 30 + 'xl/a.xml'.length;
    for (let i = 0; i < 8; i++) bad[dataAt + i] = 0xff;
    await expect(readZipEntryLimited(bad, entry)).rejects.toMatchObject({ code: 'broken' });
  });

  it('refuses an XML part with a DOCTYPE (entity expansion)', async () => {
    const lol = Buffer.from('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><sst>&lol;</sst>');
    const buf = xlsxLike([{ name: 'xl/sharedStrings.xml', data: lol, deflate: true }]);
    await expect(readZipEntryLimited(buf, listZipEntries(buf)[2])).rejects.toMatchObject({ code: 'dtd' });
  });
});

describe('scanOfficeParts', () => {
  const sheet = (inner: string, dim = 'A1:B2') => Buffer.from(`<worksheet><dimension ref="${dim}"/><sheetData>${inner}</sheetData></worksheet>`);
  const withSheet = (data: Buffer, extra: Partial<RawEntry> = {}) => xlsxLike([{ name: 'xl/worksheets/sheet1.xml', data, deflate: true, ...extra }]);
  const scanCode = (buf: Buffer, opts: Partial<Parameters<typeof scanOfficeParts>[1]> = {}) => {
    try {
      scanOfficeParts(buf, { expect: 'xlsx', ...opts });
      return 'ok';
    } catch (e) {
      if (!(e instanceof UploadRejectedError)) throw e;
      return e.code;
    }
  };

  it('returns every part, inflated', () => {
    const parts = scanOfficeParts(withSheet(sheet('<row r="1"><c r="A1"><v>1</v></c></row>')), { expect: 'xlsx' });
    expect([...parts.keys()]).toEqual(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(parts.get('xl/worksheets/sheet1.xml')!.toString()).toContain('<v>1</v>');
  });

  it('refuses a declared dimension over the row or cell limit, allows a single far cell', () => {
    expect(scanCode(withSheet(sheet('', 'A1:XFD1048576')))).toBe('too_many_rows');
    expect(scanCode(withSheet(sheet('', 'A1:XFD50000')))).toBe('too_many_cells');
    expect(scanCode(withSheet(sheet('', 'XFD1048576')))).toBe('ok');
    expect(scanCode(withSheet(sheet('', 'A1:Z1000')), { maxRows: 999 })).toBe('too_many_rows');
  });

  it('counts the rows and cells really written, with or without a namespace prefix', () => {
    expect(scanCode(withSheet(sheet('<row r="1"/>'.repeat(11), 'A1')), { maxRows: 10 })).toBe('too_many_rows');
    expect(scanCode(withSheet(sheet('<x:row r="1"/>'.repeat(11), 'A1')), { maxRows: 10 })).toBe('too_many_rows');
    expect(scanCode(withSheet(sheet('<row r="1"/>'.repeat(10), 'A1')), { maxRows: 10 })).toBe('ok');
    expect(scanCode(withSheet(sheet(`<row>${'<c/>'.repeat(21)}</row>`, 'A1')), { maxCells: 20 })).toBe('too_many_cells');
    // a match split across the 1 MiB scanning windows is still counted
    const pad = ' '.repeat(1024 * 1024 - 40);
    expect(scanCode(withSheet(sheet(`${pad}${'<row r="1"/>'.repeat(11)}`, 'A1')), { maxRows: 10 })).toBe('too_many_rows');
  });

  it('refuses a DOCTYPE in any XML part, also in UTF-16', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "a">]><worksheet/>', 'utf16le')]);
    expect(scanCode(withSheet(utf16))).toBe('dtd');
    expect(scanCode(xlsxLike([{ name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<!doctype r SYSTEM "http://x/">'), deflate: true }]))).toBe('dtd');
  });

  it('refuses data that does not match its CRC, and a local header that disagrees with the directory', () => {
    expect(scanCode(withSheet(sheet(''), { crc: 1234 } as Partial<RawEntry>))).toBe('broken');
    const buf = withSheet(sheet(''));
    const local = buf.indexOf('xl/worksheets/sheet1.xml') - 30;
    buf.writeUInt32LE(buf.readUInt32LE(local + 22) + 1, local + 22); // local "uncompressed size"
    expect(scanCode(buf)).toBe('broken');
  });
});
