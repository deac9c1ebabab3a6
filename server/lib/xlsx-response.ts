import { writeXlsx, type XlsxColumn } from './xlsx.js';

/** An XLSX download answer; the file name is ASCII with a Russian name in filename*. */
export async function xlsxResponse<T>(fileName: string, opts: { sheetName: string; title?: string; columns: XlsxColumn<T>[]; rows: Iterable<T> | AsyncIterable<T> }): Promise<Response> {
  const buf = await writeXlsx(opts);
  return new Response(new Uint8Array(buf), {
    status: 200,
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(opts.sheetName)}.xlsx`,
      'cache-control': 'no-store',
    },
  });
}
