// Steps 2–4 of an upload: progress while the server reads and checks the file, then the
// totals with the errors or the preview, then the result of saving.
import { Alert, Button, Card, Col, Flex, Progress, Result, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../app/ErrorAlert';
import { LinkButton } from '../../app/LinkButton';
import { counted, formatNumber } from '../../app/format';
import { ImportPreviewTable } from './ImportPreviewTable';
import { useCommitImport, useImportBatch } from './queries';
import { kindTitles, type ImportBatch, type ImportRowError } from './types';

function ParsingProgress({ batch }: { batch: ImportBatch }) {
  const p = batch.progress;
  const validating = p?.phase === 'validating' && p.total > 0;
  const text = !p
    ? 'Файл принят, начинаем чтение…'
    : p.phase === 'reading'
      ? p.done > 0
        ? `Чтение файла: ${counted(p.done, ['строка', 'строки', 'строк'])}`
        : 'Чтение файла…'
      : `Проверка: ${formatNumber(p.done)} из ${formatNumber(p.total)}`;
  return (
    <Card>
      <Flex vertical gap={8} aria-live="polite">
        <Typography.Text strong>{batch.fileName}</Typography.Text>
        <Progress
          percent={validating ? Math.floor((p.done / p.total) * 100) : 100}
          status="active"
          showInfo={validating}
          aria-label="Ход обработки файла"
          strokeColor={validating ? undefined : '#91caff'}
        />
        <Typography.Text>{text}</Typography.Text>
        <Typography.Text type="secondary">Страницу можно не держать открытой: проверка идёт на сервере.</Typography.Text>
      </Flex>
    </Card>
  );
}

function Totals({ batch }: { batch: ImportBatch }) {
  return (
    <Row gutter={16}>
      <Col xs={24} sm={8}>
        <Card size="small">
          <Statistic title="Всего строк" value={batch.totalRows} groupSeparator=" " />
        </Card>
      </Col>
      <Col xs={24} sm={8}>
        <Card size="small">
          <Statistic title="Без ошибок" value={batch.validRows} groupSeparator=" " styles={{ content: { color: '#389e0d' } }} />
        </Card>
      </Col>
      <Col xs={24} sm={8}>
        <Card size="small">
          <Statistic title="С ошибками" value={batch.errorRows} groupSeparator=" " styles={{ content: { color: batch.errorRows ? '#cf1322' : undefined } }} />
        </Card>
      </Col>
    </Row>
  );
}

function ErrorsTable({ batch }: { batch: ImportBatch }) {
  return (
    <Flex vertical gap={12}>
      <Alert
        type="error"
        showIcon
        title="Ничего не сохранено"
        description={`В файле ${counted(batch.errorRows, ['строка', 'строки', 'строк'])} с ошибками. Загрузка сохраняется только целиком: исправьте строки, перечисленные ниже, и загрузите файл заново.`}
      />
      {batch.errorsTruncated && <Alert type="warning" showIcon title={`Показаны первые ${formatNumber(batch.errors.length)} ошибок; остальные появятся после исправления этих.`} />}
      <Table<ImportRowError>
        size="small"
        rowKey={(e) => `${e.row}|${e.column}|${e.message}`}
        dataSource={batch.errors}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 700 }}
        columns={[
          { title: 'Строка', dataIndex: 'row', width: 90, render: formatNumber },
          { title: 'Столбец', dataIndex: 'column', width: 280 },
          { title: 'Ошибка', dataIndex: 'message' },
        ]}
      />
    </Flex>
  );
}

function Committed({ batch, created, onAnother, done }: { batch: ImportBatch; created: number; onAnother: () => void; done?: { to: string; title: string } }) {
  const k = kindTitles[batch.kind];
  const link = done ?? { to: k.registry, title: k.registryTitle };
  return (
    <Result
      status="success"
      title={`Сохранено: ${counted(created, k.rows)}`}
      subTitle={`Файл «${batch.fileName}» загружен целиком. Действие записано в журнал аудита.`}
      extra={[
        <LinkButton key="open" type="primary" to={link.to}>
          {link.title}
        </LinkButton>,
        <Button key="again" onClick={onAnother}>
          Загрузить другой файл
        </Button>,
      ]}
    />
  );
}

/** `done`: where «saved» leads, when the upload was started from a record's page. */
export function ImportBatchView({ id, onAnother, done }: { id: string; onAnother: () => void; done?: { to: string; title: string } }) {
  const { data: batch, error, refetch } = useImportBatch(id);
  const commit = useCommitImport(id);

  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!batch) return <Skeleton active />;
  if (batch.status === 'parsing') return <ParsingProgress batch={batch} />;
  if (batch.status === 'failed')
    return (
      <Result
        status="error"
        title="Файл не удалось обработать"
        subTitle={batch.failure ?? 'Проверьте, что это файл Excel, заполненный по шаблону.'}
        extra={
          <Button type="primary" onClick={onAnother}>
            Загрузить другой файл
          </Button>
        }
      />
    );
  if (batch.status === 'committed') return <Committed batch={batch} created={commit.data?.created ?? batch.validRows} onAnother={onAnother} done={done} />;

  const k = kindTitles[batch.kind];
  return (
    <Flex vertical gap={16}>
      <Typography.Text>
        Файл: <Typography.Text strong>{batch.fileName}</Typography.Text>
      </Typography.Text>
      <Totals batch={batch} />
      {batch.errorRows > 0 ? (
        <>
          <ErrorsTable batch={batch} />
          <Button type="primary" onClick={onAnother} style={{ alignSelf: 'flex-start' }}>
            Загрузить исправленный файл
          </Button>
        </>
      ) : batch.validRows === 0 ? (
        <Result status="warning" title="В файле нет строк с данными" subTitle="Заполните шаблон, начиная со второй строки, и загрузите его снова." extra={<Button onClick={onAnother}>Загрузить другой файл</Button>} />
      ) : (
        <>
          <Alert type="success" showIcon title="Ошибок нет. Проверьте первые строки и сохраните." />
          <ImportPreviewTable kind={batch.kind} rows={batch.preview} total={batch.validRows} />
          {commit.error && <ErrorAlert error={commit.error} />}
          <Flex gap={8}>
            <Button type="primary" icon={<SaveOutlined />} loading={commit.isPending} onClick={() => commit.mutate()}>
              Сохранить {counted(batch.validRows, ['запись', 'записи', 'записей'])}
            </Button>
            <Button onClick={onAnother} disabled={commit.isPending}>
              Отменить и загрузить другой файл
            </Button>
          </Flex>
          <Typography.Text type="secondary">
            Сохранение одной транзакцией: либо все {counted(batch.validRows, k.rows)}, либо ничего.
          </Typography.Text>
        </>
      )}
    </Flex>
  );
}
