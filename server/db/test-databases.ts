/** Where the integration suite finds PostgreSQL: TEST_DATABASE_URL, DATABASE_URL, or the local server. */
export const testAdminUrl = () => process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export const templateDbName = () => `rsnms_test_tpl_${process.pid}`;
