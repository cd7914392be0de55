using Microsoft.Extensions.Logging;
using Tidemark.Fleet;

namespace Tidemark.Hosting;

/// <summary>
/// Start-up for a fleet: the tenants from configuration (<see cref="TidemarkOptions.Tenants"/>,
/// <see cref="TidemarkOptions.TenantSchemasQuery"/>) or a delegate (<see cref="TidemarkOptions.TenantsProvider"/>),
/// each migrated as an independent run through <see cref="Migrator.MigrateManyAsync"/>. The host starts only when
/// every tenant succeeded; the error names each failed tenant.
/// </summary>
internal static partial class TenantStartup
{
    public static async Task MigrateAsync(
        TidemarkOptions o, string mainConnectionString, string? serverConnectionString, MigratorOptions options,
        ILoggerFactory loggers, TidemarkState state, ILogger logger, CancellationToken ct)
    {
        var main = serverConnectionString ?? mainConnectionString;
        var targets = new List<MigrationTarget>();
        foreach (var (t, i) in o.Tenants.Select((t, i) => (t, i)))
        {
            if (string.IsNullOrWhiteSpace(t.Name))
            {
                throw new TidemarkException($"{o.Setting($"Tenants:{i}:Name")} is empty.", "Give every tenant a name.");
            }

            if (t.ConnectionString is null && t.TenantSchema is null)
            {
                throw new TidemarkException($"{o.Setting($"Tenants:{i}")} ({t.Name}) has neither a ConnectionString nor a TenantSchema.", "Set one of them.");
            }

            targets.Add(new MigrationTarget(t.Name, t.ConnectionString ?? main, t.TenantSchema));
        }

        if (o.TenantSchemasQuery is { } query)
        {
            targets.AddRange(await TenantSchemas.ListAsync(main, query, ct).ConfigureAwait(false));
        }

        if (o.TenantsProvider is { } provider)
        {
            targets.AddRange(await provider(ct).ConfigureAwait(false));
        }

        var result = await Migrator.MigrateManyAsync(targets, options with { OnProgress = null },
            new FleetOptions { Parallelism = o.TenantParallelism, Canary = o.TenantCanary, ContinueOnError = o.ContinueOnTenantError },
            loggers, ct).ConfigureAwait(false);
        var failed = result.Targets.Where(t => !t.Ok).ToList();
        if (failed.Count > 0)
        {
            var list = string.Join("; ", failed.Select(f => $"{f.Name}: {f.Error}"));
            throw new TidemarkException(
                $"{failed.Count} of {result.Targets.Count} tenants were not migrated ({result.Failed} failed, {result.SkippedCount} skipped): {list}",
                "Fix the failed tenants and start again; tenants already migrated are not touched again.");
        }

        state.Update(s => s with { Status = TidemarkStatus.UpToDate, PendingCount = 0, Migration = null, LockHolder = null, LastError = null });
        TenantsMigrated(logger, result.Targets.Count, result.Targets.Sum(t => t.AppliedCount), result.Elapsed.TotalMilliseconds);
    }

    [LoggerMessage(5030, LogLevel.Information, "Migrated {Tenants} tenants ({Applied} migrations applied) in {ElapsedMs:0} ms")]
    private static partial void TenantsMigrated(ILogger logger, int tenants, int applied, double elapsedMs);
}
