using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tidemark.Hosting;

/// <summary>
/// Healthy when the database is at the migrations' target, Degraded while waiting (for the database
/// or the migration lock) or migrating, Unhealthy after a failure. Data: status, current_version,
/// pending_count, migration, lock_holder, last_error.
/// </summary>
internal sealed class TidemarkHealthCheck(TidemarkState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var s = state.Current;
        var data = new Dictionary<string, object>
        {
            ["status"] = s.Status.ToString(),
            ["since"] = s.Since,
        };
        Add(data, "current_version", s.CurrentVersion);
        Add(data, "pending_count", s.PendingCount);
        Add(data, "migration", s.Migration);
        Add(data, "lock_holder", s.LockHolder);
        Add(data, "last_error", s.LastError);

        var result = s.Status switch
        {
            TidemarkStatus.UpToDate => HealthCheckResult.Healthy($"Database is at version {s.CurrentVersion ?? "(none)"}.", data),
            TidemarkStatus.Off => HealthCheckResult.Healthy("Tidemark is off.", data),
            TidemarkStatus.Failed => new HealthCheckResult(context.Registration.FailureStatus, $"Migration failed: {s.LastError}", null, data),
            TidemarkStatus.Cancelled => new HealthCheckResult(context.Registration.FailureStatus, "Migration was cancelled.", null, data),
            TidemarkStatus.WaitingForLock => HealthCheckResult.Degraded($"Waiting for the migration lock held by {s.LockHolder ?? "another instance"}.", null, data),
            TidemarkStatus.Migrating => HealthCheckResult.Degraded($"Migrating ({s.Migration}); {s.PendingCount} pending.", null, data),
            TidemarkStatus.WaitingForDatabase => HealthCheckResult.Degraded("Waiting for the database to accept connections.", null, data),
            _ => HealthCheckResult.Degraded($"Migrations have not finished ({s.Status}).", null, data),
        };
        return Task.FromResult(result);
    }

    private static void Add(Dictionary<string, object> data, string key, object? value)
    {
        if (value is not null)
        {
            data[key] = value;
        }
    }
}
