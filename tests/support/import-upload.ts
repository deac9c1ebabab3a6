// Uploading a file to the XLSX import and waiting for its preview, as the import page does.
import type { TestClient } from '../../server/db/testing.js';
import { writeXlsx } from '../../server/lib/xlsx.js';
import type { ImportDefinition } from '../../server/modules/imports/imports.service.js';

export async function uploadImport(client: TestClient, path: string, data: Buffer, name = 'file.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const res = await client.request(path, { method: 'POST', body: form });
  const body = await res.json();
  if (res.status !== 202) return { status: res.status, body };
  for (;;) {
    const state = await client.json(`/api/imports/${body.id}?previewRows=5`);
    if (state.body.status !== 'parsing') return state;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A workbook filled as a user fills an import's template: one column per template header. */
export function templateXlsx(definition: Pick<ImportDefinition<unknown>, 'columns'>, rows: Record<string, unknown>[]) {
  return writeXlsx({
    sheetName: 'Данные',
    columns: definition.columns.map((c) => ({ key: c.header, header: c.header, value: (r: Record<string, unknown>) => r[c.header] as never })),
    rows,
  });
}
