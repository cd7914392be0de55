using Microsoft.Extensions.Logging;
using Tidemark.Fleet;

namespace Tidemark;

// Fleets (issue 14): many databases or tenant schemas, each an independent run.
public sealed partial class Migrator
{
    /// <summary>
    /// Migrates every target as an independent run (own connection, lock and history) with bounded parallelism,
    /// canary targets first. Never throws for a target's failure: each target's outcome is in the result, in the
    /// targets' order. <paramref name="options"/> applies to every target (for a tenant, with its schema and history table).
    /// </summary>
    public static Task<FleetResult> MigrateManyAsync(
        IReadOnlyList<MigrationTarget> targets, MigratorOptions options, FleetOptions? fleet = null, ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        return FleetRunner.RunAsync(targets, options, fleet ?? new FleetOptions(), loggerFactory, cancellationToken);
    }
}
