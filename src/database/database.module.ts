import { Global, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { openDataSource } from './data-source';
import { Db } from './db';

/** Opens the database once (running the migrations) and shares it as `Db`. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => openDataSource(config.DATABASE_URL, config.SQLITE_SYNCHRONOUS),
    },
    { provide: Db, inject: [DataSource], useFactory: (ds: DataSource) => new Db(ds) },
  ],
  exports: [DataSource, Db],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Db) private readonly db: Db,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
