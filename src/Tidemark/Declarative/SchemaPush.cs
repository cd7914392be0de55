using System.Diagnostics;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.Connections;
using Tidemark.History.Foreign;
using Tidemark.Text;

namespace Tidemark.Declarative;

/// <summary>What <see cref="SchemaPush.PushAsync"/> does: bring the database at <see cref="DatabaseUrl"/> to the schema <see cref="To"/> describes.</summary>
/// <param name="DatabaseUrl">The development database (URL or connection string).</param>
/// <param name="To">The desired schema: a <c>.sql</c> schema file, a migrations folder, or a database URL.</param>
public sealed record PushRequest(string DatabaseUrl, string To)
{
    /// <summary>Run statements that destroy stored values. Off: such a push is refused before anything runs.</summary>
    public bool AllowDataLoss { get; init; }

    /// <summary>Push even though the database's history says migrations manage it.</summary>
    public bool Force { get; init; }

    /// <summary>Only compute the difference; change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>How the desired schema is read.</summary>
    public DesiredStateOptions State { get; init; } = new();
}

/// <summary>The difference found and whether it was applied.</summary>
public sealed record PushResult(SchemaDifference Difference, bool Applied, TimeSpan Elapsed);

/// <summary>
/// <c>tidemark push</c> for development databases: applies the difference between the database and a desired schema
/// directly, without a migration file, hazards gated as in <c>generate</c>. A database whose history says migrations
/// manage it (Tidemark's history, or another tool's) is refused unless forced: pushing there would make the
/// migrations lie about the schema.
/// </summary>
public static class SchemaPush
{
    /// <summary>Computes and (unless a dry run) applies the difference; statements run in one transaction, committed where a statement needs it.</summary>
    public static async Task<PushResult> PushAsync(PushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var cs = ConnectionString.Normalize(request.DatabaseUrl);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = "tidemark-push" }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw ConnectionFailure.From(ex, cs);
        }

        if (!request.Force && await ManagedByAsync(connection, request.State.HistorySchema, cancellationToken).ConfigureAwait(false) is { } history)
        {
            throw new TidemarkException(
                $"{ConnectionString.Describe(cs)} is managed by migrations ({history}); push would change its schema behind their back.",
                "Write a migration instead (tidemark generate <name> --to ...; tidemark migrate), or pass --force if this is a development database you mean to push to.");
        }

        var options = request.State with { ShadowServerUrl = request.State.ShadowServerUrl ?? cs };
        var from = await DesiredState.ResolveAsync(cs, options, null, cancellationToken).ConfigureAwait(false);
        var to = await DesiredState.ResolveAsync(request.To, options, from, cancellationToken).ConfigureAwait(false);
        var diff = SchemaDifference.Between(from, to);
        MigrationGenerator.Gate(diff, request.AllowDataLoss, "--allow-data-loss");
        if (request.DryRun || diff.Changes.Count == 0)
        {
            return new PushResult(diff, false, clock.Elapsed);
        }

        var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var step in diff.Changes)
            {
                try
                {
                    await using var batch = new NpgsqlBatch(connection, tx) { BatchCommands = { new NpgsqlBatchCommand(step.Sql) } };
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException ex)
                {
                    throw new TidemarkException(
                        $"Push failed at {step.ObjectKey}: {ex.SqlState}: {ex.MessageText}\n  {step.Sql}",
                        "Nothing of this push was kept since the last commit; fix the data or the desired schema and push again.", ex);
                }

                if (step.RequiresCommit)
                {
                    await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                    await tx.DisposeAsync().ConfigureAwait(false);
                    tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await tx.DisposeAsync().ConfigureAwait(false);
        }

        return new PushResult(diff, true, clock.Elapsed);
    }

    /// <summary>Which history says the database is managed by migrations, or null.</summary>
    private static async Task<string?> ManagedByAsync(NpgsqlConnection connection, string historySchema, CancellationToken ct)
    {
        var table = Identifiers.Quote(historySchema, "history");
        await using (var cmd = new NpgsqlCommand($"SELECT to_regclass({Identifiers.Literal(table)}) IS NOT NULL", connection))
        {
            if ((bool)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
                var rows = (long)(await count.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                if (rows > 0)
                {
                    return $"{table} has {Words.Count(rows, "row")}";
                }
            }
        }

        var foreign = await ForeignHistory.DetectAsync(connection, includeSchemas: null, ct).ConfigureAwait(false);
        return foreign.Count > 0 ? "history table " + foreign[0].Display : null;
    }
}
