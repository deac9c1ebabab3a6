import { describe, it, expect } from 'vitest';
import { Document, Packer, Paragraph } from 'docx';
import { sniffFileType, cleanFileName, checkFiles } from './files.service.js';
import { attachment } from '../../lib/download.js';

describe('evidence files', () => {
  it('recognizes the type by content, not by name', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Приказ')] }] }));
    expect(sniffFileType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffFileType(docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffFileType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffFileType(Buffer.from('<html><script>'))).toBeNull();
  });

  it('refuses too many, too large, empty or unknown files before storing any', () => {
    const pdf = { name: 'a.pdf', data: Buffer.from('%PDF-1.4') };
    expect(checkFiles([pdf, pdf], { maxFiles: 2, maxBytes: 100 })).toEqual(['application/pdf', 'application/pdf']);
    expect(() => checkFiles([pdf, pdf, pdf], { maxFiles: 2, maxBytes: 100 })).toThrow(/не более 2 файлов/);
    expect(() => checkFiles([{ name: 'big.pdf', data: Buffer.alloc(200, 0x25) }], { maxFiles: 2, maxBytes: 100 })).toThrow(/big\.pdf/);
    expect(() => checkFiles([{ name: 'empty.pdf', data: Buffer.alloc(0) }], { maxFiles: 2, maxBytes: 100 })).toThrow(/пуст/);
    expect(() => checkFiles([{ name: 'x.pdf', data: Buffer.from('MZ') }], { maxFiles: 2, maxBytes: 100 })).toThrow(/PDF, JPEG/);
  });

  it('keeps names safe to show and to send back', () => {
    expect(cleanFileName('C:\\Users\\docs\\отчёт.pdf')).toBe('отчёт.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\r\n.pdf')).toBe('ab.pdf');
    const res = attachment(Buffer.from('x'), { mime: 'application/pdf', fileName: 'отчёт "1".pdf' });
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="file.pdf"; filename*=UTF-8''${encodeURIComponent('отчёт _1_.pdf')}`);
  });
});
