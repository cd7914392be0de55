// Runs drizzle-orm's own migrator: node drizzle-migrate.mjs <connection-url> <migrations-folder>
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

const [url, folder] = process.argv.slice(2);
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  await migrate(drizzle(client), { migrationsFolder: folder });
  console.log("drizzle migrate: ok");
} finally {
  await client.end();
}
