using System.Globalization;
using System.Text;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;
using Tidemark.Shadow;

namespace Tidemark.IntegrationTests.Existing;

/// <summary>Existing-database tests share temporary shadow databases on the server: run them one class at a time.</summary>
[CollectionDefinition("Existing")]
public sealed class ExistingCollection;

/// <summary>Three migrations with an enum, a foreign key with ON DELETE, a check constraint and an added column.</summary>
public abstract class ExistingTestBase : RunnerTestBase
{
    protected const string M1 = "CREATE TYPE status AS ENUM ('active', 'blocked');\nCREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, status status NOT NULL DEFAULT 'active');\n";
    protected const string M2 = "CREATE TABLE device (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE, name text NOT NULL, CONSTRAINT device_name_len CHECK (length(name) > 0));\n";
    protected const string M3 = "ALTER TABLE users ADD COLUMN display_name text;\nCREATE INDEX device_user_idx ON device (user_id);\n";

    /// <summary>No shadow at all: only the integrity file can tell what the migrations produce.</summary>
    protected static ShadowOptions NoShadow { get; } = new() { AllowTemporaryDatabase = false, AllowLocalCluster = false };

    /// <summary>Writes the three migrations as a plain folder.</summary>
    protected void WriteThree()
    {
        Folder.Write("0001_users.sql", M1);
        Folder.Write("0002_device.sql", M2);
        Folder.Write("0003_display_name.sql", M3);
    }

    /// <summary>Writes the migrations as a drizzle journal folder (0000_…, meta/_journal.json).</summary>
    protected void WriteDrizzle(params string[] sql)
    {
        var entries = new StringBuilder();
        for (var i = 0; i < sql.Length; i++)
        {
            var tag = string.Create(CultureInfo.InvariantCulture, $"{i:0000}_m{i}");
            Folder.Write(tag + ".sql", sql[i].Replace(";\n", ";\n--> statement-breakpoint\n", StringComparison.Ordinal));
            entries.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"idx\":{i},\"version\":\"7\",\"when\":{1700000000000L + (i * 1000)},\"tag\":\"{tag}\",\"breakpoints\":true}}");
        }

        Folder.Write("meta/_journal.json", $"{{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":[{entries}]}}");
    }

    protected Task SqlAsync(string sql) => TestServer.ExecAsync(Db, sql);

    protected Task SeedAsync() => SqlAsync("INSERT INTO users (email) VALUES ('ada@example.com');");

    protected async Task AssertSeedSurvivedAsync() => Assert.Equal(1, await CountAsync("SELECT count(*) FROM users WHERE email = 'ada@example.com'"));

    /// <summary>Shadow databases made for this test's database (tests run in parallel on one server, so only ours count).</summary>
    protected Task<long> ShadowDatabasesAsync() =>
        TestServer.ScalarAsync<long>(TestServer.AdminConnectionString,
            $"SELECT count(*) FROM pg_database WHERE datname LIKE 'tidemark\\_shadow\\_{new string(new Npgsql.NpgsqlConnectionStringBuilder(Db).Database!.Where(char.IsAsciiLetterOrDigit).Take(24).ToArray()).ToLowerInvariant()}\\_%'");
}
