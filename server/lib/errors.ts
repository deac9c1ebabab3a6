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

export const notFound = (what = 'Запись') => new AppError(404, 'not_found', `${what} не найдена или недоступна`);
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
