using Tidemark.Planning;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Tidemark.Sources;

using Tidemark.Shadow;
using Tidemark.Reconciliation;

namespace Tidemark.Hosting;

/// <summary>What the start-up runner does.</summary>
public enum TidemarkMode
{
    /// <summary>Apply pending migrations before the application starts (default).</summary>
    Migrate,

    /// <summary>Apply nothing; refuse to start when a migration is pending, changed or missing (for pipelines that migrate).</summary>
    Validate,

    /// <summary>Do nothing at start-up.</summary>
    Off,
}

/// <summary>
/// Settings of the start-up runner, bound from the configuration section <c>Tidemark</c>
/// (see <see cref="SectionName"/>). Every error message names the setting, e.g. <c>Tidemark:Directory</c>.
/// </summary>
public sealed class TidemarkOptions
{
    /// <summary>The default configuration section.</summary>
    public const string SectionName = "Tidemark";

    /// <summary>Migrate (default), Validate (refuse to start when anything is pending, edited or drifted) or Off.</summary>
    public TidemarkMode Mode { get; set; } = TidemarkMode.Migrate;

    /// <summary>An explicit connection: a <c>postgres://</c> URL or an Npgsql connection string. Wins over everything else.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The name of a connection string in <c>ConnectionStrings</c> (e.g. <c>Default</c>).</summary>
    public string? ConnectionStringName { get; set; }

    /// <summary>The migrations folder; a relative path is resolved against the content root.</summary>
    public string? Directory { get; set; }

    /// <summary>An assembly whose embedded resources are the migrations (code only).</summary>
    public Assembly? Assembly { get; set; }

    /// <summary>The name of an assembly to load for embedded migrations (configuration form of <see cref="Assembly"/>).</summary>
    public string? AssemblyName { get; set; }

    /// <summary>Only embedded resources whose name starts with this prefix.</summary>
    public string? ResourcePrefix { get; set; }

    /// <summary>The folder layout; detected by default.</summary>
    public SourceFormat Format { get; set; } = SourceFormat.Auto;

    /// <summary>Schema of the history table (default <c>tidemark</c>).</summary>
    [Required]
    [StringLength(63)]
    public string HistorySchema { get; set; } = "tidemark";

    /// <summary>Name of the history table (default <c>history</c>).</summary>
    [Required]
    [StringLength(63)]
    public string HistoryTable { get; set; } = "history";

    /// <summary>One transaction per migration (default), or all pending migrations in one.</summary>
    public TransactionMode TransactionMode { get; set; } = TransactionMode.PerMigration;

    /// <summary>Apply new migrations that sort before the newest applied one instead of refusing.</summary>
    public bool AllowOutOfOrder { get; set; }

    /// <summary>How long to wait for another instance's migration lock.</summary>
    public TimeSpan LockWaitTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>PostgreSQL <c>lock_timeout</c> for transactional migrations (default 5 s; a timed-out migration is rolled back and retried).</summary>
    public TimeSpan? LockTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times a transactional migration is tried when it hits <c>lock_timeout</c>.</summary>
    public int LockAttempts { get; set; } = 5;

    /// <summary>What to do when the schema differs from what the migrations produced: Refuse (default), Warn, Ignore.</summary>
    public DriftPolicy DriftPolicy { get; set; } = DriftPolicy.Refuse;

    /// <summary>Lint findings of pending migrations at start-up: warn (default, logged), refuse (error-level findings stop the start-up) or ignore.</summary>
    public Tidemark.Lint.HazardPolicy Hazards { get; set; } = Tidemark.Lint.HazardPolicy.Warn;

    /// <summary>Check drift at every start-up, even with nothing to apply (one catalog read).</summary>
    public bool CheckDriftWhenUpToDate { get; set; }

    /// <summary>Adopt migrations an existing database already reflects (exact schema match; nothing executed). Default on.</summary>
    public bool AdoptExisting { get; set; } = true;

    /// <summary>Complete a half-applied migration by applying only its missing part (Off by default: a person should look first).</summary>
    public ReconcilePolicy Reconcile { get; set; } = ReconcilePolicy.Off;

    /// <summary>Allow reconcile to run changes that lose data.</summary>
    public bool AllowDataLoss { get; set; }

    /// <summary>An explicit shadow database (URL or connection string) for replaying migrations; otherwise a temporary database on the server.</summary>
    public string? ShadowUrl { get; set; }

    /// <summary>Recognise a team's own history table (rows naming the migration files) and import it like drizzle's (default on).</summary>
    public bool RecognizeHandMadeHistory { get; set; } = true;

    /// <summary>
    /// Include PostgreSQL's error detail in messages on connections Tidemark opens (default on: "Key (email)=(…) already
    /// exists", "view v depends on column c" say what to fix). Turn off when logs must not carry row values.
    /// </summary>
    public bool IncludeErrorDetail { get; set; } = true;

    /// <summary>Tables outside the migrations' control (e.g. an old hand-made history table), as schema.table.</summary>
    public IList<string> IgnoredTables { get; } = [];

    /// <summary>PostgreSQL <c>statement_timeout</c> for migration statements.</summary>
    public TimeSpan? StatementTimeout { get; set; }

    /// <summary>How long to keep retrying while the database does not accept connections yet (containers often start first).</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When no connection is configured at all, start a throwaway local PostgreSQL (deleted when the
    /// application stops) instead of failing. For samples and first runs, never for production.
    /// </summary>
    public bool UseLocalPostgresWhenUnconfigured { get; set; }

    /// <summary>How runners are serialised: Auto (default: advisory, or a lease through a transaction pooler), Advisory or Lease.</summary>
    public Tidemark.Locking.LockStrategy LockStrategy { get; set; } = Tidemark.Locking.LockStrategy.Auto;

    /// <summary>How long a lease lasts without a heartbeat (default 30 s).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A direct connection (not through a pooler) for migrations that run outside a transaction.</summary>
    public string? DirectConnectionString { get; set; }

    /// <summary>
    /// Fleets from configuration: databases to migrate at start-up instead of the one connection (<c>Tenants:0:Name</c>,
    /// <c>Tenants:0:ConnectionString</c>; a <c>TenantSchema</c> makes a schema-per-tenant target).
    /// </summary>
    public IList<TidemarkTenant> Tenants { get; } = [];

    /// <summary>Schema-per-tenant from configuration: a query run on the connection, returning the tenant schema names.</summary>
    public string? TenantSchemasQuery { get; set; }

    /// <summary>Fleets from code: a delegate returning the targets (called at start-up).</summary>
    public Func<CancellationToken, Task<IReadOnlyList<Tidemark.Fleet.MigrationTarget>>>? TenantsProvider { get; set; }

    /// <summary>How many tenants migrate at once (default 4).</summary>
    public int TenantParallelism { get; set; } = 4;

    /// <summary>Migrate the first K tenants first; if one fails, touch no other.</summary>
    public int TenantCanary { get; set; }

    /// <summary>Keep migrating other tenants after one failed (the start-up still fails at the end).</summary>
    public bool ContinueOnTenantError { get; set; }

    internal bool HasTenants => Tenants.Count > 0 || TenantSchemasQuery is not null || TenantsProvider is not null;

    /// <summary>The configuration path used in messages ("Tidemark").</summary>
    internal string SectionPath { get; set; } = SectionName;

    /// <summary>Values in configuration that could not be read (bad enum, bad time span), reported by validation.</summary>
    internal List<string> ConfigurationErrors { get; } = [];

    internal string Setting(string name) => $"{SectionPath}:{name}";

    internal string? ResolveDirectory(string? contentRoot)
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            return null;
        }

        return Path.IsPathRooted(Directory) ? Directory : Path.GetFullPath(Path.Combine(contentRoot ?? Environment.CurrentDirectory, Directory));
    }

    internal Assembly? ResolveAssembly() =>
        Assembly ?? (string.IsNullOrWhiteSpace(AssemblyName) ? null : Assembly.Load(new AssemblyName(AssemblyName)));

    internal MigratorOptions ToMigratorOptions(string? contentRoot, Action<MigrationProgress> onProgress, string? connectionString = null) => new()
    {
        Directory = ResolveDirectory(contentRoot),
        Assembly = ResolveAssembly(),
        ResourcePrefix = ResourcePrefix,
        Format = Format,
        HistorySchema = HistorySchema,
        HistoryTable = HistoryTable,
        TransactionMode = TransactionMode,
        AllowOutOfOrder = AllowOutOfOrder,
        LockWaitTimeout = LockWaitTimeout,
        LockTimeout = LockTimeout,
        LockAttempts = LockAttempts,
        StatementTimeout = StatementTimeout,
        DriftPolicy = DriftPolicy,
        Hazards = Hazards,
        CheckDriftWhenUpToDate = CheckDriftWhenUpToDate,
        AdoptExisting = AdoptExisting,
        Reconcile = Reconcile,
        AllowDataLoss = AllowDataLoss,
        Shadow = new ShadowOptions { Url = ShadowUrl },
        ShadowServerConnectionString = connectionString,
        IgnoredTables = [.. IgnoredTables],
        RecognizeHandMadeHistory = RecognizeHandMadeHistory,
        OnProgress = onProgress,
        LockStrategy = LockStrategy,
        LeaseDuration = LeaseDuration,
        DirectConnectionString = DirectConnectionString,
    };
}

/// <summary>A tenant from configuration: a database (<see cref="ConnectionString"/>) or a schema (<see cref="TenantSchema"/>) of the main one.</summary>
public sealed class TidemarkTenant
{
    /// <summary>How the tenant is named in logs and errors; unique.</summary>
    public string Name { get; set; } = "";

    /// <summary>The tenant's database; null: the main connection (with <see cref="TenantSchema"/>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Schema-per-tenant: the tenant's schema (its history table is history_&lt;schema&gt;).</summary>
    public string? TenantSchema { get; set; }
}
