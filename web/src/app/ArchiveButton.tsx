// Archive / restore with a confirmation: archiving hides a record from lists, nothing is deleted.
import { App, Button } from 'antd';
import { InboxOutlined, UndoOutlined } from '@ant-design/icons';

interface Props {
  archived: boolean;
  /** «работника Иванову М. П.», «организацию МАОУ СОШ № 3». */
  what: string;
  onConfirm: (archived: boolean) => Promise<unknown>;
  loading?: boolean;
}

export function ArchiveButton({ archived, what, onConfirm, loading }: Props) {
  const { modal } = App.useApp();
  const ask = () =>
    modal.confirm({
      title: archived ? `Вернуть из архива ${what}?` : `Перенести в архив ${what}?`,
      content: archived
        ? 'Запись снова появится в списках и сводках.'
        : 'Запись пропадёт из списков и сводок, но не удаляется: её можно найти с отбором «В архиве» и вернуть.',
      okText: archived ? 'Вернуть' : 'В архив',
      okButtonProps: { danger: !archived },
      cancelText: 'Отмена',
      // a failed save is shown by the page; the dialog just closes
      onOk: () => onConfirm(!archived).catch(() => undefined),
    });
  return (
    <Button icon={archived ? <UndoOutlined /> : <InboxOutlined />} onClick={ask} loading={loading}>
      {archived ? 'Вернуть из архива' : 'В архив'}
    </Button>
  );
}
