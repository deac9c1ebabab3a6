import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { configureOfficeWorkers, inspectOfficeUpload, readXlsxRowsIsolated, stopOfficeWorkers } from './office-worker.js';
import { UploadRejectedError } from './upload-check.js';
import { writeXlsx } from './xlsx.js';

const book = (rows: number) =>
  writeXlsx({ sheetName: 'Лист', columns: [{ key: 'a', header: 'ФИО', value: (i: number) => `Иванов ${i}` }], rows: Array.from({ length: rows }, (_, i) => i) });

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as UploadRejectedError,
  );

describe('parsing worker', { timeout: 60_000 }, () => {
  afterAll(async () => {
    configureOfficeWorkers({ timeoutMs: 30_000, memoryMb: 256 });
    await stopOfficeWorkers();
  });

  it('reads a workbook in a worker, Cyrillic intact', async () => {
    const res = await readXlsxRowsIsolated(await book(3_000));
    expect(res.headers).toEqual(['ФИО']);
    expect(res.rows).toHaveLength(3_000);
    expect(res.rows[2_999].values['ФИО']).toBe('Иванов 2999');
  });

  it('the deep pre-check in the worker refuses a DTD with the same error as in process', async () => {
    const zip = await JSZip.loadAsync(await book(2));
    zip.file('xl/sharedStrings.xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><sst/>');
    const e = await rejection(inspectOfficeUpload(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), { expect: 'xlsx' }));
    expect(e.status).toBe(422);
    expect(e.code).toBe('dtd');
  });

  it('a job over the time limit ends its worker and answers 422; the next job works', async () => {
    const big = await book(20_000);
    configureOfficeWorkers({ timeoutMs: 5 });
    const e = await rejection(readXlsxRowsIsolated(big));
    expect(e.code).toBe('unreadable');
    expect(e.status).toBe(422);
    expect(e.message).toMatch(/^Файл не удалось прочитать: разбор занял больше 0 с/);
    configureOfficeWorkers({ timeoutMs: 30_000 });
    expect((await readXlsxRowsIsolated(await book(5))).rows).toHaveLength(5);
  });

  it('a worker out of memory answers 422 and the next job gets a fresh worker', async () => {
    await stopOfficeWorkers();
    configureOfficeWorkers({ memoryMb: 8 });
    const e = await rejection(readXlsxRowsIsolated(await book(60_000), { maxRows: 100_000 }));
    expect(e.code).toBe('unreadable');
    expect(e.message).toMatch(/не хватило памяти|прерван|ошибкой/);
    configureOfficeWorkers({ memoryMb: 256 });
    await stopOfficeWorkers();
    expect((await readXlsxRowsIsolated(await book(5))).rows).toHaveLength(5);
  });
});
