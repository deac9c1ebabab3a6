// «Создать муниципальную дорожную карту»: mirrors the regional activities addressed to a
// municipality into its own roadmap, owned by its education authority.
import { useState } from 'react';
import { App, Button, Flex, Form, Modal, Select, Typography } from 'antd';
import { BranchesOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api, queryString, type Page } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useCascade } from './queries';
import type { Organization } from '../organizations/types';
import type { Roadmap } from './types';

/** Education authorities of the municipalities the user may write in (the server scopes the list). */
function useAuthorities(enabled: boolean) {
  return useQuery({
    queryKey: ['/api/organizations', 'municipal_authority'],
    queryFn: ({ signal }) => api.get<Page<Organization>>(`/api/organizations${queryString({ kind: 'municipal_authority', limit: 500 })}`, signal),
    enabled,
  });
}

export function CascadeButton({ roadmap }: { roadmap: Roadmap }) {
  const [open, setOpen] = useState(false);
  const [owner, setOwner] = useState<string>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const authorities = useAuthorities(open);
  const cascade = useCascade(roadmap.id);
  const done = new Set(roadmap.children.map((c) => c.territoryId));
  const options = (authorities.data?.items ?? []).map((o) => ({
    value: o.id,
    label: done.has(o.territoryId) ? `${o.shortName} — уже сформирована` : `${o.shortName} (${o.territoryName ?? ''})`,
    disabled: done.has(o.territoryId),
  }));
  const free = options.filter((o) => !o.disabled);
  const chosen = owner ?? (free.length === 1 ? free[0].value : undefined);
  const close = () => {
    setOpen(false);
    cascade.reset();
  };
  return (
    <>
      <Button icon={<BranchesOutlined />} onClick={() => setOpen(true)}>
        Создать муниципальную дорожную карту
      </Button>
      <Modal
        open={open}
        title="Муниципальная дорожная карта из региональной"
        okText="Сформировать"
        cancelText="Отмена"
        onCancel={close}
        okButtonProps={{ disabled: !chosen, loading: cascade.isPending }}
        onOk={() =>
          chosen &&
          cascade.mutate(chosen, {
            onSuccess: (saved) => {
              message.success('Муниципальная дорожная карта сформирована');
              close();
              navigate(`/roadmaps/${saved.id}`);
            },
          })
        }
      >
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>
            В новую дорожную карту войдут мероприятия, адресованные муниципалитету (его органу управления, методической службе или образовательным организациям), с теми же
            сроками. Они будут связаны с региональными, и регион увидит их исполнение в своде.
          </Typography.Paragraph>
          <Form layout="vertical" component="div">
            <Form.Item label="Орган управления образованием муниципалитета" style={{ margin: 0 }}>
              <Select
                aria-label="Орган управления образованием муниципалитета"
                value={chosen}
                onChange={setOwner}
                options={options}
                loading={authorities.isPending}
                placeholder="Выберите муниципалитет"
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent={authorities.isPending ? 'Загрузка…' : 'В вашей области нет органов управления образованием муниципалитетов'}
              />
            </Form.Item>
          </Form>
          {authorities.error && <ErrorAlert error={authorities.error} />}
          {cascade.error && <ErrorAlert error={cascade.error} />}
        </Flex>
      </Modal>
    </>
  );
}
