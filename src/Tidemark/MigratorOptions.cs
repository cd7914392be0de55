using System.Reflection;
using Tidemark.Planning;
using Tidemark.Shadow;
using Tidemark.Sources;
using Tidemark.Reconciliation;

namespace Tidemark;

/// <summary>How migrations run in one transaction or many.</summary>
public enum TransactionMode
{
    /// <summary>Each migration in its own transaction, its history row in the same one (default).</summary>
    PerMigration,

    /// <summary>All pending migrations in one transaction: all or nothing. Refused if one cannot run in a transaction.</summary>
    All,
}

/// <summary>Settings of a <see cref="Migrator"/>. Set exactly one of <see cref="Directory"/> or <see cref="Assembly"/>.</summary>
public sealed record MigratorOptions
{
    /// <summary>The migrations folder.</summary>
    public string? Directory { get; init; }

    /// <summary>An assembly whose embedded resources are the migrations.</summary>
    public Assembly? Assembly { get; init; }

    /// <summary>Only embedded resources whose name starts with this prefix.</summary>
    public string? ResourcePrefix { get; init; }

    /// <summary>The folder layout; detected when <see cref="SourceFormat.Auto"/>.</summary>
    public SourceFormat Format { get; init; } = SourceFormat.Auto;

    /// <summary>Schema of the history table (created when missing).</summary>
    public string HistorySchema { get; init; } = "tidemark";

    /// <summary>Name of the history table.</summary>
    public string HistoryTable { get; init; } = "history";

    /// <summary>One transaction per migration (default), or all pending migrations in one.</summary>
    public TransactionMode TransactionMode { get; init; } = TransactionMode.PerMigration;

    /// <summary>Apply a pending migration that sorts before the newest applied one instead of refusing.</summary>
    public bool AllowOutOfOrder { get; init; }

    /// <summary>How long to wait for another runner's migration lock before failing.</summary>
    public TimeSpan LockWaitTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// PostgreSQL <c>lock_timeout</c> for transactional migrations (default 5 s), so a migration
    /// never sits in the lock queue holding up the application's queries; a timed-out migration is
    /// rolled back and retried (<see cref="LockAttempts"/>). Null leaves the server's setting.
    /// Non-transactional migrations (CREATE INDEX CONCURRENTLY waits for old transactions by design) run without it.
    /// </summary>
    public TimeSpan? LockTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times a transactional migration is tried when it hits <c>lock_timeout</c> (default 5).</summary>
    public int LockAttempts { get; init; } = 5;

    /// <summary>PostgreSQL <c>statement_timeout</c> for migration statements; null leaves the server's setting.</summary>
    public TimeSpan? StatementTimeout { get; init; }

    /// <summary>
    /// For drizzle folders, also record each applied migration in <c>drizzle.__drizzle_migrations</c>
    /// with drizzle's exact hash and created_at, so drizzle-kit and Tidemark can share the database (default on).
    /// </summary>
    public bool SyncDrizzleHistory { get; init; } = true;

    /// <summary>
    /// When the history is empty but the database already holds objects, record as <c>adopted</c> the longest
    /// prefix of the migrations whose schema equals the database's (nothing is executed). Default on: it is
    /// provably safe; a database that matches no prefix is refused with the exact differences.
    /// </summary>
    public bool AdoptExisting { get; init; } = true;

    /// <summary>Whether to complete a half-applied migration found while adopting (default <see cref="ReconcilePolicy.Off"/>).</summary>
    public ReconcilePolicy Reconcile { get; init; } = ReconcilePolicy.Off;

    /// <summary>Let a reconcile execute changes that lose data (drop a column, table, type, narrow a type).</summary>
    public bool AllowDataLoss { get; init; }

    /// <summary>What to do when the schema changed outside the migrations, checked before applying anything (default refuse).</summary>
    public DriftPolicy DriftPolicy { get; init; } = DriftPolicy.Refuse;

    /// <summary>Also check drift when nothing is pending: one catalog read at every start-up (default off: the fast path stays one query).</summary>
    public bool CheckDriftWhenUpToDate { get; init; }

    /// <summary>Where migrations are replayed to learn their effect when no current integrity file says it.</summary>
    public ShadowOptions Shadow { get; init; } = new();

    /// <summary>
    /// The target's connection string including its password, used to create a temporary shadow database on the
    /// target server (an <see cref="Npgsql.NpgsqlDataSource"/> does not give its password back). Null: the data
    /// source's connection string, which is enough for trust, peer, pgpass or PGPASSWORD authentication.
    /// </summary>
    public string? ShadowServerConnectionString { get; init; }

    /// <summary>
    /// Tables outside the migrations' control (<c>schema.table</c>, or <c>table</c> for public), e.g. the history
    /// table of a hand-made script; never compared for adoption or drift, and left alone. Other tools' history
    /// tables (Flyway, EF Core, DbUp, Evolve, drizzle) are recognised without being listed.
    /// </summary>
    public IReadOnlyList<string> IgnoredTables { get; init; } = [];

    /// <summary>Schemas outside the migrations' control (never compared for adoption or drift), besides the history schema and drizzle's.</summary>
    public IReadOnlyList<string> IgnoredSchemas { get; init; } = [];

    /// <summary>Called as the run progresses (lock waits, each migration, each statement of a non-transactional one).</summary>
    public Action<MigrationProgress>? OnProgress { get; init; }

    internal IMigrationSource CreateSource()
    {
        if (Directory is not null && Assembly is not null)
        {
            throw new TidemarkException("Both a migrations folder and an assembly are set.", "Set either Directory or Assembly, not both.");
        }

        if (Directory is not null)
        {
            return MigrationSources.FromDirectory(Directory, Format);
        }

        if (Assembly is not null)
        {
            return MigrationSources.FromAssembly(Assembly, ResourcePrefix, Format);
        }

        throw new TidemarkException("No migrations are configured.", "Set Directory (--dir) to the migrations folder, or Assembly to load embedded migrations.");
    }
}
