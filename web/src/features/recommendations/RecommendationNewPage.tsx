// Issuing a targeted recommendation: to one or many organizations and municipalities at once (one
// record each). Opened from the dashboard as /recommendations/new?territoryId=…|organizationId=…
// &indicatorCode=…&period=YYYY, the form comes prefilled (ids may repeat or be comma-separated).
import { useMemo } from 'react';
import { App, AutoComplete, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { useFormSubmit } from '../../app/useFormSubmit';
import { OrganizationSelect } from '../organizations/OrganizationSelect';
import { useTerritories } from '../territories/useTerritories';
import { useCampaigns } from '../monitoring/queries';
import type { Recommendation } from './types';
import { useIndicatorNames } from '../indicators/queries';

interface Values {
  territoryIds?: string[];
  organizationIds?: string[];
  title: string;
  text: string;
  dueDate: Dayjs;
  indicatorCode?: string;
  period?: number;
  campaignId?: string;
}

const idsOf = (params: URLSearchParams, key: string) => params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

export function RecommendationNewPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const territories = useTerritories();
  const period = Number(params.get('period')) || undefined;
  const indicatorCode = params.get('indicatorCode') ?? undefined;
  const territoryIds = idsOf(params, 'territoryId');
  const organizationIds = idsOf(params, 'organizationId');
  const campaigns = useCampaigns(period ?? new Date().getFullYear());
  // the indicator passports, where that module is present: names for the codes
  const indicators = useIndicatorNames(period);
  const known = useQuery({
    queryKey: ['/api/organizations', 'names', organizationIds],
    queryFn: () => Promise.all(organizationIds.map((id) => api.get<{ id: string; shortName: string }>(`/api/organizations/${id}`))),
    enabled: organizationIds.length > 0,
  });
  const indicatorName = indicatorCode && indicators.nameOf(indicatorCode);
  const initial = useMemo<Partial<Values>>(
    () => ({
      territoryIds,
      organizationIds,
      indicatorCode,
      period,
      dueDate: dayjs().add(30, 'day'),
      title: indicatorCode ? `О достижении показателя «${indicatorName ?? indicatorCode}»${period ? ` за ${period} год` : ''}` : '',
    }),
    // the query decides the initial values once; the indicator's name may arrive later
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [params.toString(), indicatorName],
  );
  const municipalities = (territories.data ?? []).filter((t) => t.kind === 'municipality');

  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    (v: Values) =>
      api.post<{ items: Recommendation[] }>('/api/recommendations', {
        addressees: [...(v.territoryIds ?? []).map((territoryId) => ({ territoryId })), ...(v.organizationIds ?? []).map((organizationId) => ({ organizationId }))],
        title: v.title.trim(),
        text: v.text.trim(),
        dueDate: v.dueDate.format('YYYY-MM-DD'),
        indicatorCode: v.indicatorCode?.trim() || null,
        period: v.period ?? null,
        campaignId: v.campaignId ?? null,
      }),
    (r) => {
      void qc.invalidateQueries({ queryKey: ['/api/recommendations'] });
      message.success(r.items.length === 1 ? 'Рекомендация выдана' : `Выдано рекомендаций: ${r.items.length}`);
      navigate(r.items.length === 1 ? `/recommendations/${r.items[0].id}` : '/recommendations?box=issued');
    },
  );

  return (
    <>
      <PageHeader title="Новая рекомендация" trail={[{ title: 'Адресные рекомендации', to: '/recommendations' }]} subtitle="Каждому адресату выдаётся своя рекомендация: он отвечает на неё, вы принимаете исполнение" />
      <Card>
        <Form<Values> key={initial.title ?? ''} form={form} layout="vertical" onFinish={submit} initialValues={initial} style={{ maxWidth: 900 }}>
          <Form.Item
            label="Муниципалитеты"
            name="territoryIds"
            dependencies={['organizationIds']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_r, v?: string[]) => {
                  if (!v?.length && !(getFieldValue('organizationIds') as string[] | undefined)?.length) throw new Error('Выберите хотя бы одного адресата');
                },
              }),
            ]}
          >
            <Select mode="multiple" allowClear optionFilterProp="label" placeholder="Адресаты — органы управления образованием муниципалитетов" options={municipalities.map((t) => ({ value: t.id, label: t.name }))} />
          </Form.Item>
          <Form.Item label="Организации" name="organizationIds">
            <OrganizationSelect mode="multiple" allowClear placeholder="Начните вводить наименование" known={(known.data ?? []).map((o) => ({ value: o.id, label: o.shortName }))} />
          </Form.Item>
          <Form.Item label="Тема" name="title" rules={[{ required: true, whitespace: true, message: 'Укажите тему рекомендации' }, { min: 3, message: 'Не короче 3 символов' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="Текст рекомендации" name="text" rules={[{ required: true, whitespace: true, message: 'Опишите рекомендацию' }, { min: 10, message: 'Не короче 10 символов' }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} placeholder="Что рекомендуется сделать и к какому результату прийти" />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item
              label="Срок исполнения"
              name="dueDate"
              rules={[
                { required: true, message: 'Укажите срок исполнения' },
                { validator: async (_r, v?: Dayjs) => { if (v && v.isBefore(dayjs(), 'day')) throw new Error('Срок исполнения не может быть в прошлом'); } },
              ]}
              style={{ width: 200 }}
            >
              <DatePicker format="DD.MM.YYYY" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label="Показатель (основание)" name="indicatorCode" style={{ flex: '1 1 260px', minWidth: 0 }}>
              <AutoComplete style={{ width: '100%' }} allowClear options={(indicators.data?.items ?? []).map((i) => ({ value: i.code, label: `${i.name} (${i.code})` }))} placeholder="Код показателя" />
            </Form.Item>
            <Form.Item label="Период" name="period" style={{ width: 140 }}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Flex>
          <Form.Item label="Кампания мониторинга (основание)" name="campaignId">
            <Select allowClear placeholder="Не указана" options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))} />
          </Form.Item>
          {error !== null && (
            <div style={{ marginBottom: 12 }}>
              <ErrorAlert error={error} extra={unmatched} />
            </div>
          )}
          <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={saving}>
            Выдать рекомендацию
          </Button>
        </Form>
      </Card>
    </>
  );
}
