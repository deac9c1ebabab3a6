// Saving a form: server field errors go under their fields, the rest above the form.
import { useState } from 'react';
import type { FormInstance } from 'antd';
import { applyFieldErrors } from './api';

export function useFormSubmit<V, R>(form: FormInstance, save: (values: V) => Promise<R>, onSaved: (result: R) => void) {
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const submit = async (values: V) => {
    setSaving(true);
    setError(null);
    setUnmatched([]);
    try {
      onSaved(await save(values));
    } catch (err) {
      setError(err);
      setUnmatched(applyFieldErrors(form, err));
    } finally {
      setSaving(false);
    }
  };

  const clearError = () => {
    setError(null);
    setUnmatched([]);
  };
  return { submit, saving, error, unmatched, clearError };
}

/** Empty inputs mean «no value»: the API expects null, not an empty string. */
export function blankToNull<T extends Record<string, unknown>>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = v === '' || v === undefined ? null : typeof v === 'string' ? v.trim() : v;
  return out as T;
}
