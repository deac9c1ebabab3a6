// The upload wizard: kind and template → file → check → preview → save. The batch id is
// kept in the URL, so a reload returns to the same check instead of losing it.
import { Card, Flex, Segmented, Steps, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/PageHeader';
import { DownloadButton } from '../../app/DownloadButton';
import { ImportUpload } from './ImportUpload';
import { ImportBatchView } from './ImportBatchView';
import { useImportBatch } from './queries';
import { kindTitles } from './types';

const hints: Record<'staff' | 'organizations', string> = {
  organizations:
    'Сначала загрузите организации: работники привязываются к ним по ИНН или краткому наименованию. Территория указывается названием муниципалитета или региона.',
  staff: 'Каждая строка — один работник и его должность. Организация указывается ИНН или кратким наименованием из реестра вашей области.',
};

/** The step of the wizard, from the state of the batch. */
function useStep(batchId: string | null): number {
  const { data } = useImportBatch(batchId);
  if (!batchId) return 0;
  if (!data || data.status === 'parsing') return 1;
  if (data.status === 'committed') return 3;
  return 2;
}

export function ImportPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  // an organization's administrator loads only their staff: organizations are founded above them
  const kind: 'staff' | 'organizations' = params.get('kind') === 'staff' || !can.createsOrganizations ? 'staff' : 'organizations';
  const batchId = params.get('batch');
  const step = useStep(batchId);
  const set = (changes: Record<string, string | null>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  return (
    <>
      <PageHeader title="Загрузка из Excel" subtitle="Организации и работники списком из файла .xlsx: сначала проверка и предпросмотр, сохранение — только целиком." />
      <Flex vertical gap={16}>
        <Card>
          <Steps
            current={step}
            items={[{ title: 'Файл' }, { title: 'Проверка' }, { title: 'Предпросмотр' }, { title: 'Сохранено' }]}
            style={{ marginBottom: 24 }}
          />
          {batchId ? (
            <ImportBatchView id={batchId} onAnother={() => set({ batch: null })} />
          ) : (
            <Flex vertical gap={16}>
              <Flex gap={16} align="center" wrap>
                <Typography.Text strong>Что загружаем:</Typography.Text>
                {can.createsOrganizations ? (
                  <Segmented
                    aria-label="Что загружаем"
                    value={kind}
                    options={[
                      { value: 'organizations', label: kindTitles.organizations.title },
                      { value: 'staff', label: kindTitles.staff.title },
                    ]}
                    onChange={(v) => set({ kind: v })}
                  />
                ) : (
                  <Typography.Text>{kindTitles.staff.title}</Typography.Text>
                )}
                <DownloadButton url={`/api/imports/${kind}/template.xlsx`} fileName={`${kind}-template.xlsx`}>
                  Скачать шаблон: {kindTitles[kind].title.toLowerCase()}
                </DownloadButton>
              </Flex>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {hints[kind]}
              </Typography.Paragraph>
              <ImportUpload key={kind} kind={kind} onUploaded={(id) => set({ batch: id })} />
            </Flex>
          )}
        </Card>
      </Flex>
    </>
  );
}
