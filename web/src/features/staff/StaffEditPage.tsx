import { Alert, App, Form, Result, Skeleton } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useFormSubmit } from '../../app/useFormSubmit';
import { formatDateTime, fullName } from '../../app/format';
import { useOrganizationName } from '../organizations/queries';
import { StaffForm } from './StaffForm';
import { useCreateStaff, useStaff, useUpdateStaff } from './queries';
import { emptyPosition, formValuesOf, inputOf, type StaffFormValues } from './staffFormValues';
import type { StaffDetail } from './types';

function EditForm({ s, onReload }: { s: StaffDetail; onReload: () => void }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<StaffFormValues>();
  const update = useUpdateStaff(s.id);
  const { submit, saving, error, unmatched, clearError } = useFormSubmit(
    form,
    (values: StaffFormValues) => update.mutateAsync({ ...inputOf(values), version: s.version }),
    () => {
      message.success('Изменения сохранены');
      navigate(`/staff/${s.id}`);
    },
  );
  const known = [...new Map(s.positions.map((p) => [p.organizationId, { value: p.organizationId, label: p.organizationName }])).values()];
  return (
    <StaffForm
      form={form}
      initialValues={formValuesOf(s)}
      knownOrganizations={known}
      onFinish={submit}
      saving={saving}
      error={error}
      unmatched={unmatched}
      onReload={() => {
        clearError();
        onReload();
      }}
      submitText="Сохранить"
      onCancel={() => navigate(`/staff/${s.id}`)}
      notice={<Alert type="info" showIcon title={`Вы правите версию ${s.version} от ${formatDateTime(s.updatedAt)}. Если запись успеют изменить до сохранения, система предупредит.`} />}
    />
  );
}

export function StaffEditPage() {
  const { id = '' } = useParams();
  const { data: s, error, refetch } = useStaff(id);
  if (error instanceof ApiError && error.status === 404) return <Result status="404" title="Работник не найден" subTitle="Его нет или он вне вашей области доступа." />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!s) return <Skeleton active />;
  const name = fullName(s);
  return (
    <>
      <PageHeader
        title={`Изменение: ${name}`}
        trail={[
          { title: 'Реестр работников', to: '/staff' },
          { title: name, to: `/staff/${s.id}` },
        ]}
      />
      {/* a new version remounts the form with the values saved by the other user */}
      <EditForm key={s.version} s={s} onReload={() => void refetch()} />
    </>
  );
}

export function StaffCreatePage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const organizationId = params.get('organizationId') ?? undefined;
  const organizationName = useOrganizationName(organizationId ?? null);
  const [form] = Form.useForm<StaffFormValues>();
  const create = useCreateStaff();
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    (values: StaffFormValues) => create.mutateAsync(inputOf(values)),
    (saved) => {
      message.success('Работник добавлен в реестр');
      navigate(`/staff/${saved.id}`);
    },
  );
  return (
    <>
      <PageHeader title="Новый работник" trail={[{ title: 'Реестр работников', to: '/staff' }]} />
      <StaffForm
        form={form}
        initialValues={{ positions: [emptyPosition(organizationId)] }}
        knownOrganizations={organizationId && organizationName ? [{ value: organizationId, label: organizationName }] : []}
        onFinish={submit}
        saving={saving}
        error={error}
        unmatched={unmatched}
        submitText="Добавить в реестр"
        onCancel={() => navigate(-1)}
      />
    </>
  );
}
