// A text cell of the editable preview: typing stays local, the value is committed on leaving
// the field, so a table of hundreds of rows does not re-render on every keystroke.
import { useEffect, useState } from 'react';
import { Input } from 'antd';

interface Props {
  value: string;
  onCommit: (value: string) => void;
  'aria-label': string;
  placeholder?: string;
  /** One line (a number) instead of a growing text area. */
  short?: boolean;
  status?: 'error' | 'warning';
}

export function CommitText({ value, onCommit, short, ...rest }: Props) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text !== value) onCommit(text);
  };
  return short ? (
    <Input {...rest} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onPressEnter={commit} />
  ) : (
    <Input.TextArea {...rest} value={text} autoSize={{ minRows: 1, maxRows: 14 }} onChange={(e) => setText(e.target.value)} onBlur={commit} />
  );
}
