import { Alert, App, Form, Result, Skeleton } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { organizationsSectionTitle, useAuth } from '../../app/auth';
import { PageHeader } from '../../app/PageHeader';
import { ErrorAlert } from '../../app/ErrorAlert';
import { blankToNull, useFormSubmit } from '../../app/useFormSubmit';
import { formatDateTime } from '../../app/format';
import { OrganizationForm } from './OrganizationForm';
import { useCreateOrganization, useOrganization, useOrganizationName, useUpdateOrganization } from './queries';
import type { Organization, OrganizationInput } from './types';

const editable = (o: Organization): OrganizationInput => ({
  kind: o.kind,
  fullName: o.fullName,
  shortName: o.shortName,
  territoryId: o.territoryId,
  parentId: o.parentId,
  inn: o.inn,
  address: o.address,
  lowResultsSchool: o.lowResultsSchool,
  innovationSite: o.innovationSite,
  internshipSite: o.internshipSite,
  functions: o.functions,
});

function EditForm({ o, onReload }: { o: Organization; onReload: () => void }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrganizationInput>();
  const update = useUpdateOrganization(o.id);
  const parentName = useOrganizationName(o.parentId);
  const { submit, saving, error, unmatched, clearError } = useFormSubmit(
    form,
    (values: OrganizationInput) => update.mutateAsync({ ...blankToNull(values), version: o.version }),
    () => {
      message.success('Изменения сохранены');
      navigate(`/organizations/${o.id}`);
    },
  );
  return (
    <OrganizationForm
      form={form}
      initialValues={editable(o)}
      parentOption={o.parentId && parentName ? { value: o.parentId, label: parentName } : undefined}
      onFinish={submit}
      saving={saving}
      error={error}
      unmatched={unmatched}
      onReload={() => {
        clearError();
        onReload();
      }}
      submitText="Сохранить"
      onCancel={() => navigate(`/organizations/${o.id}`)}
      notice={<Alert type="info" showIcon title={`Вы правите версию ${o.version} от ${formatDateTime(o.updatedAt)}. Если запись успеют изменить до сохранения, система предупредит.`} />}
    />
  );
}

export function OrganizationEditPage() {
  const { can } = useAuth();
  const { id = '' } = useParams();
  const { data: o, error, refetch } = useOrganization(id);
  if (error instanceof ApiError && error.status === 404) return <Result status="404" title="Организация не найдена" subTitle="Её нет или она вне вашей области доступа." />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!o) return <Skeleton active />;
  return (
    <>
      <PageHeader
        title={`Изменение: ${o.shortName}`}
        trail={[
          { title: organizationsSectionTitle(can), to: '/organizations' },
          { title: o.shortName, to: `/organizations/${o.id}` },
        ]}
      />
      {/* a new version remounts the form with the values saved by the other user */}
      <EditForm key={o.version} o={o} onReload={() => void refetch()} />
    </>
  );
}

export function OrganizationCreatePage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [form] = Form.useForm<OrganizationInput>();
  const create = useCreateOrganization();
  const { submit, saving, error, unmatched } = useFormSubmit(
    form,
    (values: OrganizationInput) => create.mutateAsync(blankToNull(values)),
    (saved) => {
      message.success('Организация добавлена');
      navigate(`/organizations/${saved.id}`);
    },
  );
  return (
    <>
      <PageHeader title="Новая организация" trail={[{ title: organizationsSectionTitle(can), to: '/organizations' }]} />
      <OrganizationForm
        form={form}
        initialValues={{ territoryId: params.get('territoryId') ?? undefined, lowResultsSchool: false, innovationSite: false, internshipSite: false, functions: [] }}
        onFinish={submit}
        saving={saving}
        error={error}
        unmatched={unmatched}
        submitText="Добавить"
        onCancel={() => navigate(-1)}
      />
    </>
  );
}
