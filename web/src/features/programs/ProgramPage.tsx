// A programme: annotation, competencies, audience, cohorts with seats, and the enrollment request.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, Input, Modal, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useAuth, useMe } from '../../app/auth';
import { formatDate } from '../../app/format';
import { useTutorCabinet } from '../learning-plans/queries';
import { programFormatLabels, programKindLabels } from './labels';
import { useProgram, useRequestEnrollment } from './queries';
import type { Program } from './types';

type Cohort = Program['cohorts'][number];
const cohortStatus: Record<Cohort['status'], string> = { upcoming: 'набор', running: 'идёт обучение', finished: 'завершена' };

function RequestButton({ cohort }: { cohort: Cohort }) {
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const request = useRequestEnrollment();
  const tutorPeople = useTutorCabinet(can.isTutor);
  const [open, setOpen] = useState(false);
  const [staffId, setStaffId] = useState<string | undefined>(me.staffId ?? undefined);
  const [note, setNote] = useState('');
  const people = [...(me.staffId ? [{ value: me.staffId, label: `${me.displayName} (я)` }] : []), ...(can.isTutor ? (tutorPeople.data?.people ?? []).map((p) => ({ value: p.staffId, label: p.fullName })) : [])];
  if (people.length === 0) return null;
  const send = async () => {
    if (!staffId) return;
    const done = await request.mutateAsync({ staffId, cohortId: cohort.id, note: note.trim() || null }).catch(() => null);
    if (done) {
      message.success('Заявка подана: её согласует работодатель');
      setOpen(false);
    }
  };
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)} aria-label={`Подать заявку в группу ${cohort.title}`}>
        Подать заявку
      </Button>
      <Modal open={open} title={`Заявка на обучение: ${cohort.title}`} okText="Подать заявку" cancelText="Отмена" onOk={() => void send()} okButtonProps={{ disabled: !staffId, loading: request.isPending }} onCancel={() => setOpen(false)}>
        <Flex vertical gap={12}>
          {people.length > 1 && <Select aria-label="Кого записать" value={staffId} onChange={setStaffId} options={people} showSearch={{ optionFilterProp: 'label' }} placeholder="Кого записать" />}
          <Input.TextArea aria-label="Комментарий" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Комментарий для работодателя (необязательно)" autoSize={{ minRows: 2 }} />
          {cohort.seatsLeft <= 0 && <Typography.Text type="warning">Свободных мест нет: согласованная заявка попадёт в лист ожидания.</Typography.Text>}
          {request.error && <ErrorAlert error={request.error} />}
        </Flex>
      </Modal>
    </>
  );
}

export function ProgramPage() {
  const { id } = useParams();
  const { data: p, error, refetch } = useProgram(id);
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!p) return <Skeleton active />;
  return (
    <>
      <PageHeader title={p.title} subtitle={p.providerName} trail={[{ title: 'Программы ДПО', to: '/programs' }]} />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'kind', label: 'Вид', children: programKindLabels[p.kind] },
              { key: 'hours', label: 'Объём', children: `${p.hours} ч` },
              { key: 'format', label: 'Форма', children: programFormatLabels[p.format] },
              { key: 'registry', label: 'Федеральный реестр', children: p.inFederalRegistry ? <Tag color="blue">да{p.registryNumber ? `, № ${p.registryNumber}` : ''}</Tag> : 'нет' },
              { key: 'audience', label: 'Для кого', children: p.audience ?? '—' },
              { key: 'subjects', label: 'Предметы', children: p.subjects.length ? p.subjects.join(', ') : '—' },
              { key: 'owner', label: 'Ведёт запись', children: p.ownerName },
              { key: 'competencies', label: 'Развивает компетенции', span: 2, children: p.competencies.length ? <Flex gap={4} wrap>{p.competencies.map((c) => <Tag key={c.id}>{c.code} {c.name}</Tag>)}</Flex> : '—' },
            ]}
          />
          {p.annotation && <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{p.annotation}</Typography.Paragraph>}
        </Card>
        <Card title="Курсовые группы">
          <Table<Cohort>
            size="middle"
            rowKey="id"
            dataSource={p.cohorts}
            pagination={false}
            scroll={{ x: 800 }}
            locale={{ emptyText: 'Групп пока нет: набор объявит организация-исполнитель.' }}
            columns={[
              { title: 'Группа', dataIndex: 'title' },
              { title: 'Даты', key: 'dates', width: 200, render: (_, c) => `${formatDate(c.startsOn)} — ${formatDate(c.endsOn)}` },
              { title: 'Место', key: 'place', width: 200, render: (_, c) => (c.online ? 'онлайн' : (c.place ?? '—')) },
              { title: 'Мест', key: 'seats', width: 150, render: (_, c) => <>свободно {c.seatsLeft} из {c.seats}{c.waitlisted ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>в листе ожидания {c.waitlisted}</Typography.Text> : null}</> },
              { title: 'Статус', key: 'status', width: 130, render: (_, c) => <Tag color={c.status === 'upcoming' ? 'green' : undefined}>{cohortStatus[c.status]}</Tag> },
              { title: '', key: 'request', width: 150, render: (_, c) => (c.status === 'upcoming' && !c.archived ? <RequestButton cohort={c} /> : null) },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
