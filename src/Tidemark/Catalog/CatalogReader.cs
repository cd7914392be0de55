using System.Diagnostics;
using Npgsql;

namespace Tidemark.Catalog;

/// <summary>
/// Reads a database's schema into a <see cref="SchemaModel"/> with one round trip: every catalog query (one per
/// object kind, across all selected schemas) goes to the server in a single <see cref="NpgsqlBatch"/>. The SQL is
/// chosen from the server version Npgsql learned at connect time (PostgreSQL 13–17; older servers are refused).
/// </summary>
internal sealed class CatalogReader
{
    /// <summary>The oldest server major version the queries support.</summary>
    public const int MinimumMajorVersion = 13;

    /// <summary>
    /// Prepares the queries on the connection, for a caller that reads the same connection again and again (a shadow
    /// replay reads after every migration). Not for a connection through a transaction pooler.
    /// </summary>
    public bool Prepared { get; init; }

    private bool _prepareFailed;

    /// <summary>Round trips (batches/commands executed) by the last <see cref="ReadAsync"/>: always 1.</summary>
    public int LastRoundTrips { get; private set; }

    /// <summary>Number of queries in the last batch.</summary>
    public int LastQueryCount { get; private set; }

    /// <summary>Wall time of the last read: the round trip plus building the model.</summary>
    public TimeSpan LastDuration { get; private set; }

    /// <summary>The part of <see cref="LastDuration"/> spent assembling the model after the last row arrived.</summary>
    public TimeSpan LastBuildDuration { get; private set; }

    /// <summary>Reads the schemas selected by <paramref name="options"/>; opens <paramref name="connection"/> if it is closed.</summary>
    public async Task<SchemaModel> ReadAsync(NpgsqlConnection connection, CatalogOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        var watch = Stopwatch.StartNew();
        LastRoundTrips = 0;
        if (connection.State == System.Data.ConnectionState.Closed)
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
        }

        var version = connection.PostgreSqlVersion;
        if (version.Major < MinimumMajorVersion)
        {
            throw new TidemarkException(
                $"PostgreSQL {version} is not supported: Tidemark reads the catalogs of PostgreSQL {MinimumMajorVersion} and later.",
                $"Upgrade the server ({connection.Host}:{connection.Port}) to PostgreSQL {MinimumMajorVersion} or later.");
        }

        var queries = CatalogQueries.Build(version.Major, options);
        LastQueryCount = queries.Count;
        var builder = new CatalogBuilder();
        try
        {
            try
            {
                await ReadBatchAsync(connection, queries, builder, prepare: Prepared && !_prepareFailed, ct).ConfigureAwait(false);
            }
            catch (PostgresException e) when (Prepared && e.SqlState is PostgresErrorCodes.InvalidSqlStatementName or PostgresErrorCodes.DuplicatePreparedStatement)
            {
                // The statements are gone (DISCARD ALL or DEALLOCATE in a migration) or the session is not ours alone
                // (a transaction pooler): read unprepared, now and on.
                connection.UnprepareAll();
                _prepareFailed = true;
                builder = new CatalogBuilder();
                await ReadBatchAsync(connection, queries, builder, prepare: false, ct).ConfigureAwait(false);
            }
        }
        catch (PostgresException e)
        {
            throw new TidemarkException(
                $"Reading the schema of database \"{connection.Database}\" failed: {e.SqlState}: {e.MessageText}",
                "Check that the user can read pg_catalog in this database; the database was not changed.",
                e);
        }

        var received = watch.Elapsed;
        var model = builder.Build();
        LastDuration = watch.Elapsed;
        LastBuildDuration = LastDuration - received;
        return model;
    }

    /// <summary>One round trip: the batch of <paramref name="queries"/>, each result set into <paramref name="builder"/>.</summary>
    private async Task ReadBatchAsync(NpgsqlConnection connection, IReadOnlyList<string> queries, CatalogBuilder builder, bool prepare, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in queries)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
        }

        if (prepare)
        {
            // Npgsql finds the statements already prepared on this connection after the first read: the next
            // reads skip parsing and planning (on a small schema, planning is most of the server's work).
            await batch.PrepareAsync(ct).ConfigureAwait(false);
        }

        LastRoundTrips++;
        await ReadResultsAsync(batch, builder, queries.Count, ct).ConfigureAwait(false);
    }

    private static async Task ReadResultsAsync(NpgsqlBatch batch, CatalogBuilder builder, int count, CancellationToken ct)
    {
        await using (var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            for (var i = 0; i < count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync(ct).ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"The catalog batch returned {i} result sets, expected {count}.");
                }

                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    builder.Add((CatalogQueries.Result)i, reader);
                }
            }
        }
    }
}
