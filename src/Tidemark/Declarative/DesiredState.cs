using Npgsql;
using Tidemark.Catalog;
using Tidemark.Connections;
using Tidemark.History;
using Tidemark.History.Foreign;
using Tidemark.Shadow;
using Tidemark.Sources;

namespace Tidemark.Declarative;

/// <summary>
/// Reads a schema from wherever it is described: <c>empty</c>; a database URL or connection string (its catalog);
/// a migrations folder in any layout Tidemark reads (replayed in a shadow database); or a <c>.sql</c> file holding
/// a schema (applied in a shadow database, where its <c>-- tidemark:renamed-from</c> hints are resolved). Desired
/// SQL is normalized by a real server, never by a parser: what PostgreSQL makes of it is what is compared.
/// </summary>
public static partial class DesiredState
{
    /// <summary>The word that stands for a schema with nothing in it.</summary>
    public const string EmptySource = "empty";

    /// <summary>What kind of source <paramref name="source"/> is; throws a <see cref="TidemarkException"/> naming it when it is none.</summary>
    public static DesiredStateKind Classify(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var s = source.Trim();
        if (string.Equals(s, EmptySource, StringComparison.OrdinalIgnoreCase))
        {
            return DesiredStateKind.Empty;
        }

        if (s.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return DesiredStateKind.Database;
        }

        if (Directory.Exists(s))
        {
            return DesiredStateKind.Folder;
        }

        if (File.Exists(s))
        {
            return s.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)
                ? DesiredStateKind.SchemaFile
                : throw new TidemarkException($"'{s}' is a file but not a .sql schema file.", "Pass a .sql file, a migrations folder, a database URL, or empty.");
        }

        if (s.Contains('=', StringComparison.Ordinal) && !s.Contains('/', StringComparison.Ordinal) && !s.Contains('\\', StringComparison.Ordinal))
        {
            return DesiredStateKind.Database;
        }

        throw new TidemarkException(
            $"'{s}' is not empty, an existing folder, an existing .sql file, or a database URL.",
            "Pass empty, a migrations folder (db/migrations), a schema file (schema.sql), postgres://user@host/db, or Host=...;Database=...");
    }

    /// <summary>Reads the schema <paramref name="source"/> describes.</summary>
    public static Task<SchemaSnapshot> ResolveAsync(string source, DesiredStateOptions options, CancellationToken cancellationToken = default) =>
        ResolveAsync(source, options, null, cancellationToken);

    /// <summary>
    /// Reads the schema <paramref name="source"/> describes. Renames hinted in a schema file apply when
    /// <paramref name="current"/> (the schema it will be compared with) has the old name and not the new one.
    /// </summary>
    public static async Task<SchemaSnapshot> ResolveAsync(string source, DesiredStateOptions options, SchemaSnapshot? current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var kind = Classify(source);
        var path = source.Trim();
        var scope = Scope(options, []);
        switch (kind)
        {
            case DesiredStateKind.Empty:
                return new SchemaSnapshot(source, kind, "empty database", EmptyDatabase, []);
            case DesiredStateKind.Database:
                return await ReadDatabaseAsync(source, options, cancellationToken).ConfigureAwait(false);
            case DesiredStateKind.Folder:
            {
                var set = await MigrationSources.FromDirectory(path, options.Format).LoadAsync(cancellationToken).ConfigureAwait(false);
                return await ReplayAsync(source, kind, set, $"folder {path} ({set.Versioned.Count} migrations, {set.Format})", [], options, scope, current, cancellationToken).ConfigureAwait(false);
            }

            default:
            {
                var loaded = SourceFileReader.Decode(path, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
                // pg_dump (15.14+, 16.10+, 17.6+) wraps its output in \restrict / \unrestrict psql lines: a dump is a
                // schema file people bring, and those two lines only guard psql, so they are dropped here.
                var text = RestrictLineRegex().Replace(loaded.Text, "");
                var migration = new Migration("1", Path.GetFileNameWithoutExtension(path), MigrationKind.Versioned, path, text, loaded.Checksum, 0)
                {
                    NoTransactionDirective = loaded.NoTransactionDirective,
                };
                var set = new MigrationSet(SourceFormat.Plain, path, [migration], []);
                try
                {
                    return await ReplayAsync(source, kind, set, $"schema file {path}", RenameHints.Parse(text, path), options, scope, current, cancellationToken).ConfigureAwait(false);
                }
                catch (TidemarkException ex) when (ex.InnerException is Execution.MigrationFailedException failed)
                {
                    throw new TidemarkException(
                        $"The schema file {path} does not apply to an empty database: line {failed.Failure.Line}: {failed.Failure.SqlState}: {failed.Failure.ServerMessage}.",
                        $"Fix {path} so it runs on an empty database (psql -v ON_ERROR_STOP=1 -f {path} on a scratch database shows the same error).", ex);
                }
            }
        }
    }

    /// <summary>What a database created from template0 holds: the public schema with its standard comment.</summary>
    private static SchemaModel EmptyDatabase { get; } = SchemaModel.Empty() with { Schemas = [new SchemaInfo("public", "standard public schema")] };

    [System.Text.RegularExpressions.GeneratedRegex(@"^\\(un)?restrict [A-Za-z0-9]+[ \t]*\r?$", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex RestrictLineRegex();

    private static SchemaScope Scope(DesiredStateOptions options, IEnumerable<QualifiedName> foreign) =>
        SchemaScope.For(new MigratorOptions { HistorySchema = options.HistorySchema, IgnoredTables = options.IgnoredTables }, foreign);

    private static async Task<SchemaSnapshot> ReadDatabaseAsync(string source, DesiredStateOptions options, CancellationToken ct)
    {
        var cs = ConnectionString.Normalize(source);
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = "tidemark" }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw ConnectionFailure.From(ex, cs);
        }

        // Other tools' history tables (drizzle's, Flyway's...) are bookkeeping, not schema.
        var foreign = await ForeignHistory.DetectAsync(connection, includeSchemas: null, ct).ConfigureAwait(false);
        var scope = Scope(options, foreign.Select(f => f.Name));
        var model = scope.Filter(await new CatalogReader().ReadAsync(connection, scope.CatalogOptions, ct).ConfigureAwait(false));
        var notCompared = await NotCompared.CountAsync(connection, scope.CatalogOptions, ct).ConfigureAwait(false);
        return new SchemaSnapshot(source, DesiredStateKind.Database, "database " + ConnectionString.Describe(cs), model, notCompared);
    }

    private static async Task<SchemaSnapshot> ReplayAsync(
        string source, DesiredStateKind kind, MigrationSet set, string what, IReadOnlyList<RenameStep> hints, DesiredStateOptions options,
        SchemaScope scope, SchemaSnapshot? current, CancellationToken ct)
    {
        var server = options.ShadowServerUrl is { Length: > 0 } s ? ConnectionString.Normalize(s) : null;
        var shadow = new ShadowOptions { Url = options.ShadowUrl is { Length: > 0 } u ? u : null, AllowTemporaryDatabase = server is not null };
        var count = set.Versioned.Count;
        SchemaModel? asWritten = null;
        IReadOnlyList<NotComparedKind> notCompared = [];
        var applied = new List<RenameStep>();
        var replay = await ShadowReplay.RunAsync(shadow, server ?? "", set, count, new HistoryTable(options.HistorySchema, "history"), scope, ct,
            async (connection, n, token) =>
            {
                if (n < count)
                {
                    return false;
                }

                notCompared = await NotCompared.CountAsync(connection, scope.CatalogOptions, token).ConfigureAwait(false);
                asWritten = scope.Filter(await new CatalogReader().ReadAsync(connection, scope.CatalogOptions, token).ConfigureAwait(false));
                foreach (var step in Applicable(hints, asWritten, current?.Model))
                {
                    await using var undo = new NpgsqlCommand(step.UndoSql, connection);
                    await undo.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                    applied.Add(step);
                }

                return applied.Count > 0;
            }, mayRead: n => n >= count).ConfigureAwait(false);

        var model = asWritten ?? replay.ModelAsCreatedAfter(count)!;
        return new SchemaSnapshot(source, kind, $"{what}, replayed in {replay.ShadowDescription}", model, notCompared)
        {
            ModelForDiff = applied.Count > 0 ? replay.ModelAsCreatedAfter(count)! : model,
            RenameSteps = applied,
        };
    }

    /// <summary>Hints that apply: the current schema has the old name and not the new one (columns first, then tables).</summary>
    private static IEnumerable<RenameStep> Applicable(IReadOnlyList<RenameStep> hints, SchemaModel desired, SchemaModel? current)
    {
        if (current is null || hints.Count == 0)
        {
            yield break;
        }

        var tableRenames = hints.Where(h => h.Column is null).ToList();
        QualifiedName Before(QualifiedName table) =>
            tableRenames.FirstOrDefault(r => r.Table == table) is { } r && current.FindTable(table) is null ? new QualifiedName(table.Schema, r.OldName) : table;

        foreach (var h in hints.Where(h => h.Column is not null))
        {
            var was = current.FindTable(Before(h.Table));
            if (desired.FindTable(h.Table)?.FindColumn(h.Column!) is not null && was?.FindColumn(h.OldName) is not null && was.FindColumn(h.Column!) is null)
            {
                yield return h;
            }
        }

        foreach (var h in tableRenames)
        {
            if (desired.FindTable(h.Table) is not null && current.FindTable(new QualifiedName(h.Table.Schema, h.OldName)) is not null && current.FindTable(h.Table) is null)
            {
                yield return h;
            }
        }
    }
}
