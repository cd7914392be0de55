using Npgsql;
using Tidemark.Connections;
using Tidemark.Catalog;

namespace Tidemark.Shadow;

/// <summary>
/// A scratch database where migrations are replayed. In order of preference: an explicit URL
/// (emptied first); a temporary database created on the target server from template0 and
/// always dropped; a throwaway local cluster when PostgreSQL binaries are installed.
/// </summary>
internal sealed class ShadowDatabase : IAsyncDisposable
{
    private readonly Func<ValueTask>? _cleanup;

    private ShadowDatabase(string connectionString, string description, Func<ValueTask>? cleanup)
    {
        ConnectionString = connectionString;
        Description = description;
        _cleanup = cleanup;
        DataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "tidemark-shadow", IncludeErrorDetail = true }.ConnectionString);
    }

    public string ConnectionString { get; }

    /// <summary>What it is, for messages ("temporary database tidemark_shadow_ab12 on the target server").</summary>
    public string Description { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<ShadowDatabase> CreateAsync(ShadowOptions options, string targetConnectionString, CancellationToken ct)
    {
        var reasons = new List<string>();
        if (options.Url is not null)
        {
            var cs = Connections.ConnectionString.Normalize(options.Url);
            await ResetAsync(cs, ct).ConfigureAwait(false);
            return new ShadowDatabase(cs, $"shadow database {Connections.ConnectionString.Describe(cs)}", null);
        }

        if (options.AllowTemporaryDatabase)
        {
            var created = await TryTemporaryDatabaseAsync(targetConnectionString, ct).ConfigureAwait(false);
            if (created.Shadow is not null)
            {
                return created.Shadow;
            }

            reasons.Add($"a temporary database on the target server: {created.Reason}");
        }

        if (options.AllowLocalCluster)
        {
            if (LocalPostgres.FindBinaries() is not null)
            {
                var cluster = await LocalPostgres.StartAsync(0, ct).ConfigureAwait(false);
                return new ShadowDatabase(cluster.ConnectionString, $"throwaway local cluster on port {cluster.Port}", cluster.DisposeAsync);
            }

            reasons.Add("a local cluster: PostgreSQL server binaries are not installed");
        }

        throw new TidemarkException(
            "No shadow database is available to replay the migrations in (" + (reasons.Count == 0 ? "all options are disabled" : string.Join("; ", reasons)) + ").",
            "Set the shadow database URL (--shadow-url, or Tidemark:ShadowUrl), grant CREATEDB to the migrating role, or commit an integrity file made by `tidemark hash` so no shadow is needed.");
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync().ConfigureAwait(false);
        if (_cleanup is not null)
        {
            await _cleanup().ConfigureAwait(false);
        }
    }

    private static async Task<(ShadowDatabase? Shadow, string Reason)> TryTemporaryDatabaseAsync(string target0, CancellationToken ct)
    {
        // Named after the target so a person (or a test) can tell whose scratch database it is.
        var target = new string((new NpgsqlConnectionStringBuilder(target0).Database ?? "db").Where(char.IsAsciiLetterOrDigit).Take(24).ToArray()).ToLowerInvariant();
        var name = $"tidemark_shadow_{target}_{Guid.NewGuid().ToString("N")[..8]}";
        try
        {
            await using var admin = new NpgsqlConnection(target0);
            await admin.OpenAsync(ct).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Identifiers.Quote(name)} TEMPLATE template0", admin);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            return (null, $"{ex.SqlState}: {ex.MessageText}");
        }

        var cs = new NpgsqlConnectionStringBuilder(target0) { Database = name, Pooling = false }.ConnectionString;
        return (new ShadowDatabase(cs, $"temporary database {name} on the target server", () => DropAsync(target0, name)), "");
    }

    private static async ValueTask DropAsync(string target, string name)
    {
        try
        {
            await using var admin = new NpgsqlConnection(target);
            await admin.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Identifiers.Quote(name)} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // Best effort: the name is unique and says what it is.
        }
    }

    /// <summary>
    /// Empties an explicit shadow database: drops every non-system schema and recreates public as a new database has
    /// it (its comment, which catalog reads compare, and its owner and privileges: pg_database_owner and USAGE for all
    /// from PostgreSQL 15, CREATE too before), so the replay starts from what an empty target holds.
    /// </summary>
    private static async Task ResetAsync(string cs, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand(
            """
            DO $$
            DECLARE s text;
            BEGIN
              FOR s IN SELECT nspname FROM pg_namespace
                       WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND nspname NOT LIKE 'pg\_%'
              LOOP
                EXECUTE format('DROP SCHEMA %I CASCADE', s);
              END LOOP;
              CREATE SCHEMA public;
              COMMENT ON SCHEMA public IS 'standard public schema';
              IF current_setting('server_version_num')::int >= 150000 THEN
                GRANT USAGE ON SCHEMA public TO PUBLIC;
                BEGIN
                  ALTER SCHEMA public OWNER TO pg_database_owner;
                EXCEPTION WHEN insufficient_privilege THEN
                  NULL; -- not the database's owner: public stays ours, which no comparison looks at
                END;
              ELSE
                GRANT CREATE, USAGE ON SCHEMA public TO PUBLIC;
              END IF;
            END $$
            """, conn);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
