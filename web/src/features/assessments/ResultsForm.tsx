// Results of one person entered by hand: a score per competency of the procedure; an emptied
// score removes the stored one.
import { useState } from 'react';
import { App, DatePicker, Flex, Form, InputNumber, Modal, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, queryString, type Page } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useFormSubmit } from '../../app/useFormSubmit';
import { useDebounced } from '../../app/useDebounced';
import { fullName } from '../../app/format';
import type { AssessmentDto, AssessmentPersonResultsDto } from '../../../../server/modules/assessments/assessments.api';
import type { StaffListItem } from '../staff/types';

interface Values {
  staffId: string;
  measuredOn: Dayjs;
  scores: Record<string, number | null | undefined>;
}

function PersonSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState('');
  const search = useDebounced(q, 300);
  const { data, isFetching } = useQuery({
    queryKey: ['/api/staff', 'pick', search],
    queryFn: ({ signal }) => api.get<Page<StaffListItem>>(`/api/staff${queryString({ q: search, limit: 20 })}`, signal),
    enabled: search.trim().length >= 2,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={isFetching}
      placeholder="Начните вводить фамилию"
      notFoundContent={search.trim().length < 2 ? 'Введите не меньше двух букв' : 'Никого не нашлось'}
      options={(data?.items ?? []).map((s) => ({ value: s.id, label: `${fullName(s)} — ${s.positions.map((p) => p.organizationName).join('; ')}` }))}
    />
  );
}

export function ResultsForm({ assessment, person, onClose }: { assessment: AssessmentDto; person: AssessmentPersonResultsDto | null; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<AssessmentPersonResultsDto>(`/api/assessments/${assessment.id}/results`, {
        staffId: v.staffId,
        measuredOn: v.measuredOn.format('YYYY-MM-DD'),
        scores: assessment.competencies.map((c) => ({ competencyId: c.competencyId, score: v.scores?.[c.competencyId] ?? null })),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['assessments'] });
      void queryClient.invalidateQueries({ queryKey: ['learning'] });
      void queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith(`/api/assessments/${assessment.id}/results`) });
    },
  });
  const { submit, saving, error, unmatched } = useFormSubmit(form, save.mutateAsync, (r) => {
    message.success(`Результаты сохранены: ${r.fullName}, дефицитов ${r.deficitCount}`);
    onClose();
  });
  const initial: Partial<Values> = {
    staffId: person?.staffId,
    measuredOn: person?.measuredOn ? dayjs(person.measuredOn) : dayjs(),
    scores: Object.fromEntries((person?.scores ?? []).map((s) => [s.competencyId, s.score])),
  };
  return (
    <Modal open title={person ? `Результаты: ${person.fullName}` : 'Внести результаты'} okText="Сохранить" cancelText="Отмена" onOk={() => form.submit()} onCancel={onClose} okButtonProps={{ loading: saving }} width={720} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        {!person && (
          <Form.Item label="Работник" name="staffId" rules={[{ required: true, message: 'Выберите работника' }]}>
            <PersonSelect />
          </Form.Item>
        )}
        <Form.Item label="Дата диагностики" name="measuredOn" rules={[{ required: true, message: 'Укажите дату' }]}>
          <DatePicker format="DD.MM.YYYY" placeholder="ДД.ММ.ГГГГ" />
        </Form.Item>
        <Typography.Text type="secondary">Результат — процент от 0 до 100; ниже порога — дефицит. Пустое поле удаляет результат.</Typography.Text>
        <Flex vertical gap={0} style={{ marginTop: 8 }}>
          {assessment.competencies.map((c) => (
            <Form.Item key={c.competencyId} name={['scores', c.competencyId]} label={`${c.code} ${c.name} (порог ${c.threshold} %)`} rules={[{ type: 'number', min: 0, max: 100, message: 'От 0 до 100' }]} style={{ marginBottom: 12 }}>
              <InputNumber min={0} max={100} step={0.5} style={{ width: 140 }} suffix="%" />
            </Form.Item>
          ))}
        </Flex>
        {error !== null && <ErrorAlert error={error} extra={unmatched} />}
      </Form>
    </Modal>
  );
}
