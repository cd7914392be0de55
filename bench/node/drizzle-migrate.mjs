// drizzle-orm's own migrator (node-postgres): node drizzle-migrate.mjs <drizzle folder> <postgres URL>
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

const [folder, url] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 1 });
try {
  await migrate(drizzle(pool), { migrationsFolder: folder });
} catch (e) {
  console.error(`${e.name}: ${e.message}`);
  if (e.cause) console.error(`cause: ${e.cause.message ?? e.cause} (code ${e.cause.code}, position ${e.cause.position})`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
