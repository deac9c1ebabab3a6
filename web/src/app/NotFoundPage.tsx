import { Result } from 'antd';
import { LinkButton } from './LinkButton';
import { PageHeader } from './PageHeader';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Страница не найдена" />
      <Result
        status="404"
        title="Такой страницы нет"
        subTitle="Проверьте адрес или вернитесь на главную: возможно, ссылка устарела."
        extra={
          <LinkButton type="primary" to="/">
            На главную
          </LinkButton>
        }
      />
    </>
  );
}
