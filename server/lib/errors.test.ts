import { describe, expect, it } from 'vitest';
import { AppError, notFound, throughParent } from './errors.js';

describe('notFound', () => {
  it('agrees with the gender of the first word', () => {
    expect(notFound('Показатель').message).toBe('Показатель не найден или недоступен');
    expect(notFound('Форма').message).toBe('Форма не найдена или недоступна');
    expect(notFound('Заседание').message).toBe('Заседание не найдено или недоступно');
    expect(notFound('Запись о работнике').message).toBe('Запись о работнике не найдена или недоступна');
    expect(notFound('Календарь').message).toBe('Календарь не найден или недоступен');
    expect(notFound('Этап конкурса').message).toBe('Этап конкурса не найден или недоступен');
    expect(notFound().message).toBe('Запись не найдена или недоступна');
  });

  it('answers a record whose parent is out of sight as the record not found', async () => {
    await expect(throughParent('Форма', Promise.reject(notFound('Кампания мониторинга')))).rejects.toThrow('Форма не найдена или недоступна');
    await expect(throughParent('Форма', Promise.reject(new AppError(403, 'forbidden', 'Нет прав')))).rejects.toThrow('Нет прав');
    await expect(throughParent('Форма', Promise.resolve(1))).resolves.toBe(1);
  });
});
