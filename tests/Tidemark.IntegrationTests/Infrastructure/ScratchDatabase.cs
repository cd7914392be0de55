using System.Collections.Concurrent;
using Npgsql;
using Tidemark.Sql;

namespace Tidemark.IntegrationTests.Infrastructure;

/// <summary>
/// A database from a pool shared by the corpus tests, emptied when taken: every schema but the system ones is
/// dropped and <c>public</c> recreated, then checked to hold no extension or event trigger. Its connections are
/// pooled and auto-prepare statements, so the catalog reader's queries are planned once per backend instead of
/// once per read (a backend is replaced after a minute, before its caches grow). A fresh database, a new backend and planning those queries cold cost ~0.3 s of server CPU
/// each time; over the corpus tests (and again on every PostgreSQL major) that was a third of the suite.
/// A test gives its database back with <see cref="Release"/> only when it passed, so a failing test never hands
/// a database in an unknown state to the next one.
/// </summary>
internal sealed class ScratchDatabase
{
    private static readonly ConcurrentBag<string> Free = [];
    private static readonly ConcurrentDictionary<string, NpgsqlDataSource> Sources = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int> Uses = new(StringComparer.Ordinal);

    private ScratchDatabase(string connectionString) => ConnectionString = connectionString;

    /// <summary>Npgsql connection string (pooled, auto-prepare on).</summary>
    public string ConnectionString { get; }

    /// <summary>A data source kept for the whole run, so its backends stay warm; never dispose it.</summary>
    public NpgsqlDataSource DataSource => Sources.GetOrAdd(ConnectionString, NpgsqlDataSource.Create);

    /// <summary>Takes an empty database from the pool (or creates one) and runs <paramref name="sql"/> in it, statement by statement in autocommit as psql would.</summary>
    public static async Task<ScratchDatabase> TakeAsync(string? sql = null)
    {
        var cs = Free.TryTake(out var free)
            ? free
            : new NpgsqlConnectionStringBuilder(await TestServer.CreateDatabaseAsync("scratch")) { Pooling = true, MaxAutoPrepare = 64, AutoPrepareMinUsages = 2, ConnectionLifetime = 60 }.ConnectionString;
        var db = new ScratchDatabase(cs);
        await db.EmptyAsync();
        if (!string.IsNullOrWhiteSpace(sql))
        {
            await db.RunScriptAsync(sql);
        }

        return db;
    }

    /// <summary>Gives the database back to the pool; call it only at the end of a test that passed.</summary>
    public void Release() => Free.Add(ConnectionString);

    /// <summary>
    /// Runs a script the way psql does: statement by statement (split by Tidemark's own lexer, which knows
    /// <c>BEGIN ATOMIC … END</c> bodies), each in autocommit; the first failure throws with the server's message.
    /// </summary>
    public async Task RunScriptAsync(string sql)
    {
        var script = SqlSplitter.Split(sql, "script");
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        foreach (var statement in script.Statements)
        {
            try
            {
                await using var batch = new NpgsqlBatch(conn) { BatchCommands = { new NpgsqlBatchCommand(statement.Text) } };
                await batch.ExecuteNonQueryAsync();
            }
            catch (PostgresException ex)
            {
                throw new InvalidOperationException($"statement at {statement.Start} failed: {ex.SqlState}: {ex.MessageText}\n{statement.Text}", ex);
            }
        }
    }

    private async Task EmptyAsync()
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        // Test servers run without autovacuum: a database reused a few hundred times would bloat its catalogs.
        if (Uses.AddOrUpdate(ConnectionString, 1, (_, n) => n + 1) % 200 == 0)
        {
            await using var vacuum = new NpgsqlCommand("VACUUM", conn);
            await vacuum.ExecuteNonQueryAsync();
        }

        await using var cmd = new NpgsqlCommand(
            """
            SET client_min_messages = warning;
            DO $$
            DECLARE s text;
            BEGIN
              FOR s IN SELECT nspname FROM pg_namespace
                       WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\_%'
              LOOP
                EXECUTE format('DROP SCHEMA %I CASCADE', s);
              END LOOP;
              CREATE SCHEMA public;
            END $$;
            RESET client_min_messages;
            """, conn);
        await cmd.ExecuteNonQueryAsync();
        await using var check = new NpgsqlCommand("SELECT (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql') + (SELECT count(*) FROM pg_event_trigger)", conn);
        var left = (long)(await check.ExecuteScalarAsync())!;
        if (left != 0)
        {
            throw new InvalidOperationException($"scratch database {conn.Database} still holds {left} extension(s) or event trigger(s) after emptying");
        }
    }
}
