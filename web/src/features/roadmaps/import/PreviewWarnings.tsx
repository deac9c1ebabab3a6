// What the reader could not understand for sure: listed, never dropped. Long lists fold.
import { useState } from 'react';
import { Alert, Button } from 'antd';
import { counted } from '../../../app/format';

const FOLDED = 5;

export function PreviewWarnings({ warnings }: { warnings: string[] }) {
  const [all, setAll] = useState(false);
  if (warnings.length === 0) return <Alert type="success" showIcon title="Документ прочитан без замечаний. Проверьте таблицу и сохраните." />;
  const shown = all ? warnings : warnings.slice(0, FOLDED);
  return (
    <Alert
      type="warning"
      showIcon
      title={`Проверьте: ${counted(warnings.length, ['замечание', 'замечания', 'замечаний'])} при чтении документа`}
      description={
        <>
          <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
            {shown.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
          {warnings.length > FOLDED && (
            <Button type="link" size="small" onClick={() => setAll(!all)} style={{ padding: 0 }}>
              {all ? 'Свернуть' : `Показать все (${warnings.length})`}
            </Button>
          )}
        </>
      }
    />
  );
}
