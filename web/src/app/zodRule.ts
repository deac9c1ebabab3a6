// The shared zod rules of common/ as antd Form rules, so the form says what the API would.
import { z } from 'zod';
import type { FormRule as Rule } from 'antd';

z.config(z.locales.ru());

/** Validates a non-empty value with the schema (emptiness is the `required` rule's job).
 *  `toValue` adapts what the input holds (a dayjs date, a number) to what the API receives. */
export function zodRule(schema: z.ZodType, toValue: (v: unknown) => unknown = (v) => v): Rule {
  return {
    validator: async (_rule, raw) => {
      if (raw === undefined || raw === null || raw === '') return;
      const result = schema.safeParse(toValue(raw));
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'Неверное значение');
    },
  };
}
