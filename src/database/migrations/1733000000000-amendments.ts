import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The amendments of a collaboration's declaration (src/amendment): an index of the amendment workflows by
 * collaboration. The facts are in the workflow log; this table only finds them. Plain SQL, the same on both databases.
 */
export class Amendments1733000000000 implements MigrationInterface {
  name = 'Amendments1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE amendment (id varchar(36) PRIMARY KEY, collaboration_id varchar(36) NOT NULL, ` +
        `workflow_id varchar(36) NOT NULL, created_at varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX ix_amendment_collaboration ON amendment (collaboration_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_amendment_collaboration`);
    await q.query(`DROP TABLE amendment`);
  }
}
