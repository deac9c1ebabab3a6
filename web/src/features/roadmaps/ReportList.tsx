// Progress reports of an activity: who reported, when, what, with links and evidence files.
import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { DownloadButton } from '../../app/DownloadButton';
import { formatDateTime } from '../../app/format';
import { fileSize, formatWindow } from './labels';
import type { OccurrenceView, ProgressReport } from './types';

const isUrl = (s: string) => /^https?:\/\//i.test(s);

function ReportItem({ r, occurrences }: { r: ProgressReport; occurrences: OccurrenceView[] }) {
  const o = occurrences.find((x) => x.id === r.occurrenceId);
  return (
    <Card size="small" type="inner" title={r.organizationName} extra={<Typography.Text type="secondary">{formatDateTime(r.createdAt)}</Typography.Text>}>
      <Flex vertical gap={8}>
        <Flex gap={6} wrap>
          {r.completes && <Tag color="green">отмечено исполнение</Tag>}
          {o && <Tag>срок: {formatWindow(o)}</Tag>}
          <Typography.Text type="secondary">Автор: {r.authorName}</Typography.Text>
        </Flex>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.text}</Typography.Paragraph>
        {r.links.length > 0 && (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {r.links.map((l) => (
              <li key={l}>
                {isUrl(l) ? (
                  <a href={l} target="_blank" rel="noreferrer noopener">
                    {l}
                  </a>
                ) : (
                  l
                )}
              </li>
            ))}
          </ul>
        )}
        {r.files.length > 0 && (
          <Flex gap={4} wrap>
            {r.files.map((f) => (
              <DownloadButton key={f.id} size="small" icon={<PaperClipOutlined />} url={`/api/progress-reports/${r.id}/files/${f.id}`} fileName={f.name}>
                {f.name} ({fileSize(f.size)})
              </DownloadButton>
            ))}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

export function ReportList({ reports, occurrences, canReport }: { reports: ProgressReport[]; occurrences: OccurrenceView[]; canReport: boolean }) {
  if (reports.length === 0)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={canReport ? 'Отчётов пока нет. Заполните форму ниже: что сделано, ссылки на документы, подтверждающие файлы.' : 'Отчётов пока нет. Отчитываются организации — исполнители мероприятия.'}
      />
    );
  return (
    <Flex vertical gap={12}>
      {[...reports].reverse().map((r) => (
        <ReportItem key={r.id} r={r} occurrences={occurrences} />
      ))}
    </Flex>
  );
}
