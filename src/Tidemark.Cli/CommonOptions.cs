using System.CommandLine;
using Tidemark.Cli.Output;
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
    };

    public Option<string?> Url { get; } = new("--url", "-u")
    {
        Description = "postgres://user:pass@host:5432/db or an Npgsql connection string. Default: $DATABASE_URL",
    };

    public Option<string> Schema { get; } = new("--schema")
    {
        Description = "Schema of the history table",
        DefaultValueFactory = _ => "tidemark",
    };

    public Option<SourceFormat> Format { get; } = LowercaseEnum.Option("--layout", "The folder layout, when detection should not decide", SourceFormat.Auto);

    public Option<bool> Json { get; } = new("--json") { Description = "Machine-readable JSON output" };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Log every step; print stack traces of unexpected errors" };

    public Option<bool> NoColor { get; } = new("--no-color") { Description = "No colours (also when NO_COLOR is set)" };

    public Option<bool> AllowOutOfOrder { get; } = new("--allow-out-of-order") { Description = "Apply new migrations that sort before the newest applied one" };

    public Option<bool> Reconcile { get; } = new("--reconcile") { Description = "Complete a half-applied migration found while adopting an existing database (applies only the difference; data loss needs --allow-data-loss)" };

    public Option<bool> AllowDataLoss { get; } = new("--allow-data-loss") { Description = "Let --reconcile execute changes that lose data (drop column/table/type)" };

    public Option<DriftPolicy> Drift { get; } = LowercaseEnum.Option("--drift", "When the schema was changed outside the migrations", DriftPolicy.Refuse);

    public Option<string?> ShadowUrl { get; } = new("--shadow-url")
    {
        Description = "A scratch database to replay migrations in (emptied first). Default: a temporary database on the target server, or a local cluster",
    };

    public Option<bool> NoAdopt { get; } = new("--no-adopt") { Description = "Do not adopt an existing schema: run the migrations as written even when the history is empty and objects exist" };

    public Option<string[]> IgnoreTable { get; } = new("--ignore-table")
    {
        Description = "A table outside the migrations' control (schema.table, or table in public), e.g. an old hand-made history table; repeatable",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<Tidemark.Lint.HazardPolicy> Hazards { get; } = LowercaseEnum.Option(
        "--hazards", "Lint findings of pending migrations (refuse: error-level findings stop the run)", Tidemark.Lint.HazardPolicy.Warn);

    public Option<Tidemark.Locking.LockStrategy> Lock { get; } = LowercaseEnum.Option(
        "--lock", "How concurrent runners are serialised (auto: advisory, or lease through a transaction pooler)", Tidemark.Locking.LockStrategy.Auto);

    public Option<int> LeaseDuration { get; } = new("--lease-duration")
    {
        Description = "Seconds a lease lasts without a heartbeat (default 30); a killed runner's lease is taken over after it",
        DefaultValueFactory = _ => 30,
        Recursive = true,
    };

    public Option<string?> DirectUrl { get; } = new("--direct-url")
    {
        Description = "A direct connection (not through a pooler) for migrations that run outside a transaction, e.g. CREATE INDEX CONCURRENTLY. Default: $TIDEMARK_DIRECT_URL",
        Recursive = true,
    };

    public Option<bool> NoHandMadeHistory { get; } = new("--no-hand-made-history")
    {
        Description = "Do not recognise a team's own history table (a table whose rows name the migration files) as a history",
        Recursive = true,
    };

    public Option<bool> NoErrorDetail { get; } = new("--no-error-detail")
    {
        Description = "Leave PostgreSQL's error detail (which may carry row values) out of messages",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Dir, Url, Schema, Format, Json, Verbose, NoColor, AllowOutOfOrder, Reconcile, AllowDataLoss, Drift, ShadowUrl, NoAdopt, IgnoreTable, NoHandMadeHistory, NoErrorDetail, Lock, LeaseDuration, DirectUrl, Hazards];

    /// <summary>Output options every command has.</summary>
    public IEnumerable<Option> Output => [Json, Verbose, NoColor];

    /// <summary>The database and its history table.</summary>
    public IEnumerable<Option> Database => [Url, Schema];

    /// <summary>The migrations folder.</summary>
    public IEnumerable<Option> Folder => [Dir, Format];

    /// <summary>How an existing database is examined (adoption, drift, shadow); migrate uses them all.</summary>
    public IEnumerable<Option> Existing => [AllowOutOfOrder, Reconcile, AllowDataLoss, Drift, ShadowUrl, NoAdopt, IgnoreTable, NoHandMadeHistory, NoErrorDetail];

    /// <summary>How runners are serialised (lock strategy, lease, direct connection for non-transactional migrations).</summary>
    public IEnumerable<Option> Locking => [Lock, LeaseDuration, DirectUrl];

    /// <summary>
    /// Gives each command the options it reads, so its help lists only those. A command not listed (added later)
    /// gets them all, as every command had before.
    /// </summary>
    public void AddTo(Command command)
    {
        IEnumerable<Option> options = command.Name switch
        {
            "migrate" => [.. Folder, .. Database, .. Existing, .. Locking, Hazards, .. Output],
            "plan" => [.. Folder, .. Database, AllowOutOfOrder, Drift, ShadowUrl, IgnoreTable, NoHandMadeHistory, Hazards, .. Output],
            "status" or "validate" => [.. Folder, .. Database, AllowOutOfOrder, Drift, ShadowUrl, IgnoreTable, NoHandMadeHistory, .. Output],
            "new" => [.. Folder, .. Output],
            "hash" => [.. Folder, Url, ShadowUrl, IgnoreTable, .. Output],
            "inspect" => [.. Database, .. Output],
            "diff" => [Url, Schema, Format, ShadowUrl, IgnoreTable, .. Output],
            "rollback" or "down" => [.. Folder, .. Database, ShadowUrl, IgnoreTable, NoErrorDetail, .. Locking, .. Output],
            "repair" or "resolve" => [.. Folder, .. Database, NoErrorDetail, .. Locking, .. Output],
            _ => All,
        };
        foreach (var option in options.Where(o => !command.Options.Any(existing => existing.Name == o.Name)))
        {
            command.Options.Add(option);
        }
    }

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

        // PostgreSQL's detail ("Key (email)=(a@b) already exists", "view v depends on column c") says what to fix.
        builder.IncludeErrorDetail = !result.GetValue(NoErrorDetail);

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
        RecognizeHandMadeHistory = !result.GetValue(NoHandMadeHistory),
        Hazards = result.GetValue(Hazards),
        ShadowServerConnectionString = TryResolveUrl(result),
        Shadow = new ShadowOptions { Url = ShadowUrlOf(result) },
        OnProgress = progress,
        LockStrategy = result.GetValue(Lock),
        LeaseDuration = LeaseSeconds(result),
        DirectConnectionString = (result.GetValue(DirectUrl) ?? Environment.GetEnvironmentVariable("TIDEMARK_DIRECT_URL")) is { Length: > 0 } direct ? ConnectionString.Normalize(direct) : null,
    };

    private TimeSpan LeaseSeconds(ParseResult result)
    {
        // A command that does not take --lease-duration (status, plan, …) gets the default.
        if (!result.CommandResult.Command.Options.Contains(LeaseDuration))
        {
            return TimeSpan.FromSeconds(30);
        }

        var seconds = result.GetValue(LeaseDuration);
        return seconds >= 1
            ? TimeSpan.FromSeconds(seconds)
            : throw new TidemarkException($"--lease-duration {seconds} is not a positive number of seconds.", "Pass --lease-duration 30 (seconds, at least 1).");
    }
}
