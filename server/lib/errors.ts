/** Errors a service throws; the HTTP layer turns them into JSON answers with Russian text. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** «Показатель не найден», «Форма не найдена», «Заседание не найдено»: the words agree with the
 *  first word of `what` (its gender from the ending; «Запись» and «Связь» are feminine). */
export const notFound = (what = 'Запись') => new AppError(404, 'not_found', `${what} ${notFoundWords(what.split(' ')[0])}`);
function notFoundWords(head: string): string {
  if (/[ая]$/.test(head) || ['Запись', 'Связь'].includes(head)) return 'не найдена или недоступна';
  if (/[ое]$/.test(head)) return 'не найдено или недоступно';
  return 'не найден или недоступен';
}

/** A record reached through its parent (a form through its campaign, a registration through its
 *  event): a parent out of sight answers as the record not found, so the answer does not tell that
 *  the record exists. */
export async function throughParent<T>(what: string, load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw notFound(what);
    throw e;
  }
}
export const forbidden = (message = 'Недостаточно прав для этого действия') => new AppError(403, 'forbidden', message);
export const unauthorized = () => new AppError(401, 'unauthorized', 'Требуется вход в систему');
export const staleVersion = () =>
  new AppError(
    409,
    'stale_version',
    'Запись уже изменил другой пользователь. Обновите страницу, чтобы увидеть актуальные данные, и повторите правку.',
  );

export interface FieldError {
  field: string;
  message: string;
}
export const invalid = (errors: FieldError[], message = 'Проверьте правильность заполнения полей') =>
  new AppError(422, 'validation', message, { fields: errors });
