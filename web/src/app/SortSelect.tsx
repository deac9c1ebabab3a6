// «Сортировка: …» above a list. The first option is the list's default and is left out of the URL.
import { Flex, Select, Typography } from 'antd';

interface Props {
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (sort: string | undefined) => void;
}

export function SortSelect({ value, options, onChange }: Props) {
  const fallback = options[0].value;
  return (
    <Flex gap={8} align="center">
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        Сортировка:
      </Typography.Text>
      <Select
        aria-label="Сортировка"
        value={value ?? fallback}
        options={options}
        onChange={(sort: string) => onChange(sort === fallback ? undefined : sort)}
        style={{ width: 220, maxWidth: '100%' }}
      />
    </Flex>
  );
}
