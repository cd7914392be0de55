using System.CommandLine;
using Npgsql;
using Tidemark.Connections;
using Tidemark.Planning;
using Tidemark.Shadow;
using Tidemark.Sources;
using Tidemark.Reconciliation;

namespace Tidemark.Cli;

/// <summary>Options every command shares; resolved into a data source and migrator options.</summary>
internal sealed class CommonOptions
{
    public Option<string?> Dir { get; } = new("--dir", "-d")
    {
        Description = "The migrations folder (drizzle, Flyway-style V1__x.sql, or plain 0001_x.sql). Default: the first of ./migrations, ./drizzle, ./db/migrations that exists",
        Recursive = true,
    };

    public Option<string?> Url { get; } = new("--url", "-u")
    {
        Description = "postgres://user:pass@host:5432/db or an Npgsql connection string. Default: $DATABASE_URL",
        Recursive = true,
    };

    public Option<string> Schema { get; } = new("--schema")
    {
        Description = "Schema of the history table",
        DefaultValueFactory = _ => "tidemark",
        Recursive = true,
    };

    public Option<SourceFormat> Format { get; } = new("--layout")
    {
        Description = "The folder layout, when detection should not decide",
        DefaultValueFactory = _ => SourceFormat.Auto,
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Machine-readable JSON output", Recursive = true };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Log every step; print stack traces of unexpected errors", Recursive = true };

    public Option<bool> NoColor { get; } = new("--no-color") { Description = "No colours (also when NO_COLOR is set)", Recursive = true };

    public Option<bool> AllowOutOfOrder { get; } = new("--allow-out-of-order") { Description = "Apply new migrations that sort before the newest applied one", Recursive = true };

    public Option<bool> Reconcile { get; } = new("--reconcile") { Description = "Complete a half-applied migration found while adopting an existing database (applies only the difference; data loss needs --allow-data-loss)", Recursive = true };

    public Option<bool> AllowDataLoss { get; } = new("--allow-data-loss") { Description = "Let --reconcile execute changes that lose data (drop column/table/type)", Recursive = true };

    public Option<DriftPolicy> Drift { get; } = new("--drift")
    {
        Description = "When the schema was changed outside the migrations: refuse (default), warn, or ignore",
        DefaultValueFactory = _ => DriftPolicy.Refuse,
        Recursive = true,
    };

    public Option<string?> ShadowUrl { get; } = new("--shadow-url")
    {
        Description = "A scratch database to replay migrations in (emptied first). Default: a temporary database on the target server, or a local cluster",
        Recursive = true,
    };

    public Option<bool> NoAdopt { get; } = new("--no-adopt") { Description = "Do not adopt an existing schema: run the migrations as written even when the history is empty and objects exist", Recursive = true };

    public Option<string[]> IgnoreTable { get; } = new("--ignore-table")
    {
        Description = "A table outside the migrations' control (schema.table, or table in public), e.g. an old hand-made history table; repeatable",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public IEnumerable<Option> All => [Dir, Url, Schema, Format, Json, Verbose, NoColor, AllowOutOfOrder, Reconcile, AllowDataLoss, Drift, ShadowUrl, NoAdopt, IgnoreTable];

    /// <summary>--shadow-url, else $TIDEMARK_SHADOW_URL.</summary>
    public string? ShadowUrlOf(ParseResult result)
    {
        var url = result.GetValue(ShadowUrl) ?? Environment.GetEnvironmentVariable("TIDEMARK_SHADOW_URL");
        return string.IsNullOrWhiteSpace(url) ? null : url;
    }

    private string? TryResolveUrl(ParseResult result)
    {
        var url = result.GetValue(Url) ?? Environment.GetEnvironmentVariable("DATABASE_URL");
        return string.IsNullOrWhiteSpace(url) ? null : ConnectionString.Normalize(url);
    }

    public string ResolveUrl(ParseResult result)
    {
        var url = result.GetValue(Url) ?? Environment.GetEnvironmentVariable("DATABASE_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new TidemarkException("No database given.", "Pass --url postgres://user@host:5432/db or set DATABASE_URL.");
        }

        return ConnectionString.Normalize(url);
    }

    public string ResolveDir(ParseResult result)
    {
        var dir = result.GetValue(Dir);
        if (dir is not null)
        {
            return dir;
        }

        foreach (var candidate in new[] { "migrations", "drizzle", Path.Combine("db", "migrations") })
        {
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new TidemarkException("No migrations folder given, and none of ./migrations, ./drizzle, ./db/migrations exists.", "Pass --dir <folder>.");
    }

    public NpgsqlDataSource CreateDataSource(ParseResult result)
    {
        var builder = new NpgsqlConnectionStringBuilder(ResolveUrl(result));
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "tidemark";
        }

        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public MigratorOptions CreateMigratorOptions(ParseResult result, Action<MigrationProgress>? progress) => new()
    {
        Directory = ResolveDir(result),
        Format = result.GetValue(Format),
        HistorySchema = result.GetValue(Schema) ?? "tidemark",
        AllowOutOfOrder = result.GetValue(AllowOutOfOrder),
        Reconcile = result.GetValue(Reconcile) ? ReconcilePolicy.Apply : ReconcilePolicy.Off,
        AllowDataLoss = result.GetValue(AllowDataLoss),
        DriftPolicy = result.GetValue(Drift),
        AdoptExisting = !result.GetValue(NoAdopt),
        IgnoredTables = result.GetValue(IgnoreTable) ?? [],
        ShadowServerConnectionString = TryResolveUrl(result),
        Shadow = new ShadowOptions { Url = ShadowUrlOf(result) },
        OnProgress = progress,
    };
}
