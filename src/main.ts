import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.PORT, '0.0.0.0');
  new Logger('Samverkan').log(
    `Listening on http://localhost:${config.PORT}/api/v1 (OpenAPI: /api/docs); database ${config.DATABASE_URL.replace(/\/\/[^@]*@/, '//***@')}`,
  );
}

main().catch((error) => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
