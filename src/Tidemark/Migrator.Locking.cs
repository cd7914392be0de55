using Npgsql;
using Tidemark.Connections;
using Tidemark.Execution;
using Tidemark.History;
using Tidemark.Locking;
using Tidemark.Planning;
using Tidemark.Sources;
using Tidemark.Text;

namespace Tidemark;

// Lock strategies and pooled connections (issue 14): what a run must not do through a transaction
// pooler, the direct connection for statement-by-statement migrations, and errors that say when
// another runner changed the database under this one.
public sealed partial class Migrator
{
    /// <summary>
    /// Statement-by-statement migrations (CREATE INDEX CONCURRENTLY, VACUUM, …) rely on one long server session
    /// (session settings, a statement that may run for hours, progress recorded between statements): through a
    /// transaction pooler they need <see cref="MigratorOptions.DirectConnectionString"/>. Refused before anything runs.
    /// </summary>
    private void RefuseNonTransactionalThroughPooler(IRunLock runLock, Plan plan, List<PreparedMigration> prepared)
    {
        if (!runLock.Pooled || _options.DirectConnectionString is not null)
        {
            return;
        }

        var blocker = prepared.FirstOrDefault(p => !p.Transactional);
        if (blocker is null)
        {
            return;
        }

        var statement = blocker.Statements.FirstOrDefault(s => s.RequiresNoTransaction)?.Text ?? (blocker.Statements.Count > 0 ? blocker.Statements[0].Text : "");
        var first = statement.Split('\n')[0];
        throw new TidemarkException(
            $"{blocker.Migration.Path} runs outside a transaction ({(first.Length > 80 ? first[..80] + "…" : first)}), which needs a direct connection to the server, " +
            $"but {ConnectionString.Describe(_dataSource.ConnectionString)} goes through a transaction pooler. Nothing was applied: " +
            $"{Words.Count(plan.Steps.Count, "migration")} {(plan.Steps.Count == 1 ? "remains" : "remain")} pending.",
            "Give a direct connection for these migrations: --direct-url postgres://… (DirectConnectionString), e.g. Supabase's port 5432 or Neon's host without -pooler; " +
            "the rest still runs through the pooler.");
    }

    /// <summary>Schema-per-tenant: a tenant listed but without its schema yet gets it (under the lock, before its first migration).</summary>
    private async Task EnsureTenantSchemaAsync(NpgsqlConnection work, CancellationToken ct)
    {
        if (_options.TenantSchema is not { } tenant)
        {
            return;
        }

        await using var probe = new NpgsqlCommand("SELECT to_regnamespace($1) IS NOT NULL", work);
        probe.Parameters.Add(new NpgsqlParameter { Value = Catalog.Identifiers.Quote(tenant) });
        if (!(bool)(await probe.ExecuteScalarAsync(ct).ConfigureAwait(false))!)
        {
            await using var create = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {Catalog.Identifiers.Quote(tenant)}", work);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private sealed record DirectSession(NpgsqlDataSource DataSource, NpgsqlConnection Connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
            await DataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<DirectSession> OpenDirectAsync(CancellationToken ct)
    {
        var dataSource = NpgsqlDataSource.Create(ConnectionString.Normalize(_options.DirectConnectionString!));
        try
        {
            var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            var traits = await ConnectionProbe.ProbeAsync(connection, ct).ConfigureAwait(false);
            if (traits.Pooled)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw new TidemarkException(
                    $"The direct connection {ConnectionString.Describe(dataSource.ConnectionString)} is pooled too: {traits.Reason}.",
                    "Pass in --direct-url (DirectConnectionString) the server's own address, not the pooler's.");
            }

            return new DirectSession(dataSource, connection);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw ConnectionFailure.From(ex, dataSource.ConnectionString);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A migration failed: if, meanwhile, another runner recorded migrations this run had planned (runners that were
    /// not serialised, e.g. an advisory lock through a pooler, or a history edited by hand), say so instead of
    /// blaming the file. Null when nothing changed under this run.
    /// </summary>
    private async Task<TidemarkException?> ExplainConcurrentChangeAsync(MigrationFailedException failed, HistorySnapshot before, CancellationToken ct)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            var now = await _history.ReadAsync(connection, ct).ConfigureAwait(false);
            // Only the migration that failed tells: one this run applied itself before it (a group's fallback) is not another's doing.
            if (before.ByVersion.ContainsKey(failed.Failure.Version)
                || !now.ByVersion.TryGetValue(failed.Failure.Version, out var theirs) || !theirs.IsApplied)
            {
                return null;
            }

            var added = now.Records.Where(r => !r.IsRepeatable && r.IsApplied && !before.ByVersion.ContainsKey(r.Version) && r.Id >= theirs.Id).ToList();
            var versions = added.Count <= 1 ? theirs.Version : $"{theirs.Version}–{added[^1].Version} ({added.Count} migrations)";
            var current = now.Records.Where(r => !r.IsRepeatable && r.IsApplied).Select(r => r.Version).LastOrDefault();
            return new ConcurrentRunException(
                $"Another runner applied {versions} meanwhile (recorded at {theirs.AppliedAt:u} by {theirs.AppliedBy}); " +
                $"this run's attempt at {failed.Failure.Version} then failed ({failed.Failure.SqlState}: {failed.Failure.ServerMessage}) and was rolled back. " +
                $"Nothing is wrong with {failed.Failure.Path}; the database is at {MigrationExecutor.DescribeVersion(current)}.",
                "Nothing to fix: run again to confirm. Runners were not serialised; behind a transaction pooler use --lock lease (or the default --lock auto).",
                failed);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }
}

/// <summary>
/// This run failed because another runner changed the database under it (applied the same migrations meanwhile).
/// Nothing of this run's failed attempt remains; nothing is wrong with the migration files.
/// </summary>
public sealed class ConcurrentRunException : TidemarkException
{
    /// <summary>Creates the exception with what happened, what to do next, and the failure it explains.</summary>
    public ConcurrentRunException(string message, string nextStep, Exception inner)
        : base(message, nextStep, inner)
    {
    }
}
