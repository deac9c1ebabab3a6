// The import wizard: document → editable preview → saved roadmap. The same steps load an
// amended document («О внесении изменений …») into an existing roadmap as its next revision.
import { useState } from 'react';
import { App, Card, Result, Skeleton, Steps } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { ErrorAlert } from '../../../app/ErrorAlert';
import { PageHeader } from '../../../app/PageHeader';
import { shortTitle } from '../labels';
import { useRoadmap } from '../queries';
import { ImportSource } from './ImportSource';
import { PreviewEditor } from './PreviewEditor';
import type { Roadmap, RoadmapPreview } from '../types';
import '../roadmaps.css';

function Wizard({ roadmap }: { roadmap?: Roadmap }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [preview, setPreview] = useState<RoadmapPreview | null>(null);
  // a new upload remounts the editor with fresh state
  const [attempt, setAttempt] = useState(0);
  const onSaved = (saved: Roadmap) => {
    if (roadmap) {
      message.success(`Сохранена редакция № ${saved.revisionNumber}`);
      navigate(`/roadmaps/${saved.id}?tab=compare`);
    } else {
      message.success('Дорожная карта сохранена');
      navigate(`/roadmaps/${saved.id}`);
    }
  };
  return (
    <Card>
      <Steps current={preview ? 1 : 0} items={[{ title: 'Документ' }, { title: 'Проверка и правка' }, { title: 'Сохранение' }]} style={{ marginBottom: 24 }} />
      {preview ? (
        <PreviewEditor key={attempt} preview={preview} roadmap={roadmap} onSaved={onSaved} onRestart={() => setPreview(null)} />
      ) : (
        <ImportSource
          roadmapId={roadmap?.id}
          onPreview={(p) => {
            setAttempt((n) => n + 1);
            setPreview(p);
          }}
        />
      )}
    </Card>
  );
}

export function RoadmapImportPage() {
  return (
    <>
      <PageHeader
        title="Загрузка дорожной карты"
        subtitle="Таблица мероприятий из документа Word или Excel: сначала предпросмотр с правкой, сохранение — после проверки."
        trail={[{ title: 'Дорожные карты', to: '/roadmaps' }]}
      />
      <Wizard />
    </>
  );
}

export function RoadmapRevisionPage() {
  const { id = '' } = useParams();
  const { data: roadmap, error, refetch } = useRoadmap(id);
  if (error instanceof ApiError && error.status === 404) return <Result status="404" title="Дорожная карта не найдена" subTitle="Её нет или она вне вашей области доступа." />;
  if (error) return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!roadmap) return <Skeleton active />;
  if (!roadmap.canEdit)
    return <Result status="403" title="Изменения загружает владелец" subTitle={`Загружать изменения может администратор организации «${roadmap.ownerOrganizationName}».`} />;
  return (
    <>
      <PageHeader
        title="Загрузка изменений"
        subtitle="Документ «О внесении изменений …» целиком в новой редакции: мероприятия сопоставляются с действующими, отчёты остаются при сохранившихся мероприятиях."
        trail={[
          { title: 'Дорожные карты', to: '/roadmaps' },
          { title: shortTitle(roadmap.title), to: `/roadmaps/${roadmap.id}` },
        ]}
      />
      <Wizard roadmap={roadmap} />
    </>
  );
}
