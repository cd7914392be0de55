using System.CommandLine;
using Npgsql;
using Tidemark.Connections;
using Tidemark.Sources;

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

    public IEnumerable<Option> All => [Dir, Url, Schema, Format, Json, Verbose, NoColor, AllowOutOfOrder];

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
        OnProgress = progress,
    };
}
