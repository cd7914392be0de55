using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tidemark.Hosting;

/// <summary>Returned by <c>AddTidemark</c>, to add the health check and further configuration.</summary>
public interface ITidemarkBuilder
{
    /// <summary>The service collection Tidemark was added to.</summary>
    IServiceCollection Services { get; }

    /// <summary>Adds more configuration of <see cref="TidemarkOptions"/>.</summary>
    ITidemarkBuilder Configure(Action<TidemarkOptions> configure);

    /// <summary>Registers the <c>tidemark</c> health check with <c>AddHealthChecks()</c>.</summary>
    ITidemarkBuilder AddHealthCheck(string name = TidemarkHealthCheckNames.Default, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null);
}

/// <summary>Default health check name.</summary>
public static class TidemarkHealthCheckNames
{
    /// <summary>The name <c>AddTidemarkHealthCheck()</c> registers when none is given: <c>tidemark</c>.</summary>
    public const string Default = "tidemark";
}

/// <inheritdoc />
public sealed class TidemarkBuilder(IServiceCollection services) : ITidemarkBuilder
{
    /// <inheritdoc />
    public IServiceCollection Services { get; } = services;

    /// <inheritdoc />
    public ITidemarkBuilder Configure(Action<TidemarkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <inheritdoc />
    public ITidemarkBuilder AddHealthCheck(string name = TidemarkHealthCheckNames.Default, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        Services.AddHealthChecks().AddTidemarkHealthCheck(name, failureStatus, tags);
        return this;
    }
}
