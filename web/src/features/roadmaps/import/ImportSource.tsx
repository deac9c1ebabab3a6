// Step 1: the document. A DOCX or XLSX table as the ministry wrote it, or the table pasted as
// text; the server reads it and answers a preview, saving nothing.
import { useState } from 'react';
import { App, Button, Col, Flex, Form, Input, Progress, Row, Select, Tabs, Typography, Upload } from 'antd';
import { FileSearchOutlined, InboxOutlined } from '@ant-design/icons';
import { api, queryString, uploadFile } from '../../../app/api';
import { ErrorAlert } from '../../../app/ErrorAlert';
import { OrganizationSelect } from '../../organizations/OrganizationSelect';
import { levelOptions } from '../labels';
import type { RoadmapLevel, RoadmapPreview } from '../types';

interface Props {
  /** Set when loading an amended document into an existing roadmap. */
  roadmapId?: string;
  onPreview: (preview: RoadmapPreview, file: string | null) => void;
}

const accepted = /\.(docx|xlsx)$/i;

export function ImportSource({ roadmapId, onPreview }: Props) {
  const { message } = App.useApp();
  const [owner, setOwner] = useState<string | undefined>();
  const [level, setLevel] = useState<RoadmapLevel | undefined>();
  const [percent, setPercent] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const url = `/api/roadmaps/import${queryString({ dryRun: true, roadmapId, ownerOrganizationId: owner, level })}`;

  const run = async (read: () => Promise<RoadmapPreview>, file: string | null) => {
    setError(null);
    setPercent(0);
    try {
      onPreview(await read(), file);
    } catch (err) {
      setError(err);
    } finally {
      setPercent(null);
    }
  };

  const fileTab = (
    <Flex vertical gap={12}>
      <Upload.Dragger
        name="file"
        accept=".docx,.xlsx"
        multiple={false}
        showUploadList={false}
        disabled={percent !== null}
        beforeUpload={(file) => {
          if (!accepted.test(file.name)) {
            message.error('Нужен документ Word (.docx) или таблица Excel (.xlsx)');
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file }) => void run(() => uploadFile<RoadmapPreview>(url, file as File, setPercent), (file as File).name)}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">Перетащите файл сюда или нажмите, чтобы выбрать</p>
        <p className="ant-upload-hint">
          Документ .docx или таблица .xlsx с таблицей мероприятий, как её утвердили приказом. Ничего не сохраняется, пока вы не проверите предпросмотр.
        </p>
      </Upload.Dragger>
      {percent !== null && (
        <Flex vertical gap={4} aria-live="polite">
          <Progress percent={percent} status="active" aria-label="Загрузка файла" />
          <Typography.Text type="secondary">{percent < 100 ? 'Передача файла…' : 'Чтение таблицы и распознавание сроков…'}</Typography.Text>
        </Flex>
      )}
    </Flex>
  );

  const textTab = (
    <Flex vertical gap={8}>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 8, maxRows: 20 }}
        aria-label="Текст дорожной карты"
        placeholder="Выделите в Word или Excel таблицу мероприятий вместе со строкой заголовков («№ п/п», «Мероприятие», «Ответственные исполнители», «Сроки исполнения», «Планируемый результат»), скопируйте и вставьте сюда. Название дорожной карты можно вставить строкой над таблицей."
      />
      <Button
        type="primary"
        icon={<FileSearchOutlined />}
        disabled={!text.trim()}
        loading={percent !== null}
        onClick={() => void run(() => api.post<RoadmapPreview>(url, { text }), null)}
        style={{ alignSelf: 'flex-start' }}
      >
        Распознать текст
      </Button>
      <Typography.Text type="secondary">Столбцы таблицы при копировании разделяются табуляцией; текст, извлечённый из PDF, без столбцов не распознаётся — загрузите исходный файл.</Typography.Text>
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      {!roadmapId && (
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item label="Владелец дорожной карты" extra="По умолчанию — орган управления образованием вашей территории">
                <OrganizationSelect allowClear value={owner} onChange={(v?: string) => setOwner(v)} placeholder="Орган управления вашей территории" aria-label="Владелец дорожной карты" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item label="Уровень" extra="По умолчанию — по виду владельца">
                <Select allowClear value={level} onChange={(v?: RoadmapLevel) => setLevel(v)} options={levelOptions} placeholder="Определить по владельцу" aria-label="Уровень дорожной карты" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      )}
      <Tabs
        items={[
          { key: 'file', label: 'Файл DOCX или XLSX', children: fileTab },
          { key: 'text', label: 'Вставить текст', children: textTab },
        ]}
      />
      {error !== null && <ErrorAlert error={error} />}
    </Flex>
  );
}
