using Npgsql;
using Tidemark.Connections;
using Tidemark.History;
using Tidemark.Shadow;
using Tidemark.Sources;

namespace Tidemark.Lint;

/// <summary>Settings of a lint run. Set <see cref="Directory"/>; the rest has defaults that match how <see cref="Migrator"/> runs.</summary>
public sealed record LintOptions
{
    /// <summary>The migrations folder.</summary>
    public string? Directory { get; init; }

    /// <summary>The folder layout; detected when <see cref="SourceFormat.Auto"/>.</summary>
    public SourceFormat Format { get; init; } = SourceFormat.Auto;

    /// <summary>
    /// The target database (optional). With it, only pending migrations are reported (applied ones still
    /// shape the schema lint knows), the server's major version is the target version, and every
    /// finding on a table says how big that table is.
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>The PostgreSQL major version the answers are for; default: the target's, else the config file's, else 14.</summary>
    public int? PostgresVersion { get; init; }

    /// <summary>Run the reported migrations in a shadow database statement by statement and observe locks and rewrites.</summary>
    public bool Trace { get; init; }

    /// <summary>Where <see cref="Trace"/> runs.</summary>
    public ShadowOptions Shadow { get; init; } = new();

    /// <summary>An explicit configuration file instead of <c>tidemark.lint.json</c> in the migrations folder.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>As <see cref="MigratorOptions.TransactionMode"/>.</summary>
    public TransactionMode TransactionMode { get; init; } = TransactionMode.PerMigration;

    /// <summary>As <see cref="MigratorOptions.LockTimeout"/>: the lock_timeout Tidemark sets for transactional migrations.</summary>
    public TimeSpan? LockTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>As <see cref="MigratorOptions.StatementTimeout"/>.</summary>
    public TimeSpan? StatementTimeout { get; init; }

    /// <summary>Schema of the history table (to tell applied from pending with <see cref="ConnectionString"/>).</summary>
    public string HistorySchema { get; init; } = "tidemark";

    /// <summary>Name of the history table.</summary>
    public string HistoryTable { get; init; } = "history";
}

/// <summary>
/// The migration linter: every lock, rewrite and breaking change named before it reaches production.
/// <code>var report = await Linter.LintAsync(new LintOptions { Directory = "migrations" }, ct);</code>
/// </summary>
public static class Linter
{
    /// <summary>The PostgreSQL major version assumed when neither the target nor the configuration says.</summary>
    public const int DefaultPostgresVersion = 14;

    /// <summary>Lints the migrations of a folder (only the pending ones when a target database is given).</summary>
    public static async Task<LintReport> LintAsync(LintOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Directory is null)
        {
            throw new TidemarkException("No migrations folder to lint.", "Pass --dir <folder> (LintOptions.Directory).");
        }

        var config = LintConfig.Load(options.Directory, options.ConfigFile);
        var set = await MigrationSources.FromDirectory(options.Directory, options.Format).LoadAsync(cancellationToken).ConfigureAwait(false);
        HistorySnapshot? history = null;
        int? serverVersion = null;
        if (options.ConnectionString is not null)
        {
            (history, serverVersion) = await ReadTargetAsync(options, cancellationToken).ConfigureAwait(false);
        }

        var version = options.PostgresVersion ?? serverVersion ?? config.PostgresVersion ?? DefaultPostgresVersion;
        var inputs = Inputs(set, history);
        var engine = new LintEngine(version, new RunSettings(options.TransactionMode == TransactionMode.All, options.LockTimeout, options.StatementTimeout), config);
        var findings = engine.Run(inputs);
        if (options.ConnectionString is not null)
        {
            findings = await TableSizes.DescribeAsync(options.ConnectionString, findings, cancellationToken).ConfigureAwait(false);
        }

        var report = new LintReport(findings, engine.Files, engine.Statements.Count, version);
        if (options.Trace)
        {
            var target = options.ConnectionString ?? options.Shadow.Url ?? string.Empty;
            var (trace, shadow) = await LockTracer.TraceAsync(options.Shadow, target, inputs, engine.Statements, cancellationToken).ConfigureAwait(false);
            report = report with { Trace = trace, TraceShadow = shadow };
        }

        return report;
    }

    /// <summary>Lints SQL text as one migration run in a transaction (used for the differ's generated SQL).</summary>
    public static LintReport LintSql(string sql, string fileName = "generated.sql", int postgresVersion = DefaultPostgresVersion)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var engine = new LintEngine(postgresVersion, RunSettings.Default, LintConfig.Empty);
        var findings = engine.Run([new LintInput(fileName, sql, null, NoTransaction(sql))]);
        return new LintReport(findings, engine.Files, engine.Statements.Count, postgresVersion);
    }

    /// <summary>Every rule with its code, name, default severity and hazard kind.</summary>
    public static IReadOnlyList<LintRule> Rules => RuleCatalog.All;

    internal static bool NoTransaction(string sql) =>
        sql.TrimStart('\uFEFF').TrimStart().StartsWith("-- tidemark:no-transaction", StringComparison.OrdinalIgnoreCase);

    /// <summary>Lints migrations already loaded (the gate in migrate and plan); only <paramref name="pending"/> are reported.</summary>
    internal static IReadOnlyList<LintFinding> LintMigrations(IEnumerable<Migration> all, ISet<string> pending, int postgresVersion, RunSettings run, LintConfig config)
    {
        var engine = new LintEngine(postgresVersion, run, config);
        return engine.Run(all.Select(m => new LintInput(m.Path, m.Sql, m.Version, m.NoTransactionDirective, pending.Contains(m.Path))));
    }

    private static List<LintInput> Inputs(MigrationSet set, HistorySnapshot? history) =>
        [.. set.Versioned.Concat(set.Repeatable).Select(m => new LintInput(m.Path, m.Sql, m.Version, m.NoTransactionDirective, IsPending(m, history)))];

    private static bool IsPending(Migration m, HistorySnapshot? history) => history is null || !history.Exists || (m.Kind == MigrationKind.Versioned
        ? !history.ByVersion.ContainsKey(m.Version)
        : !history.LatestRepeatable.TryGetValue(m.Name, out var r) || r.Checksum != m.Checksum);

    private static async Task<(HistorySnapshot History, int Version)> ReadTargetAsync(LintOptions options, CancellationToken ct)
    {
        var cs = ConnectionString.Normalize(options.ConnectionString!);
        try
        {
            await using var connection = new NpgsqlConnection(cs);
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var store = new HistoryStore(new HistoryTable(options.HistorySchema, options.HistoryTable));
            var history = await store.ReadAsync(connection, ct).ConfigureAwait(false);
            return (history, connection.PostgreSqlVersion.Major);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw ConnectionFailure.From(ex, cs);
        }
    }
}
