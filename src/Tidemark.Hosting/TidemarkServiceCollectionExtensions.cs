using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tidemark.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Tidemark's start-up migration runner.</summary>
public static class TidemarkServiceCollectionExtensions
{
    /// <summary>Migrates at start-up with the settings of the configuration section <c>Tidemark</c>.</summary>
    public static ITidemarkBuilder AddTidemark(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = AddCore(services);
        services.AddOptions<TidemarkOptions>().Configure<IConfiguration>((o, configuration) =>
            TidemarkConfigurationBinder.Bind(configuration.GetSection(TidemarkOptions.SectionName), o));
        return builder;
    }

    /// <summary>Migrates at start-up with settings from code (the <c>Tidemark</c> section is not read).</summary>
    public static ITidemarkBuilder AddTidemark(this IServiceCollection services, Action<TidemarkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = AddCore(services);
        services.Configure(configure);
        return builder;
    }

    /// <summary>Migrates at start-up with the settings of a configuration section (e.g. <c>configuration.GetSection("Db:Migrations")</c>).</summary>
    public static ITidemarkBuilder AddTidemark(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var builder = AddCore(services);
        services.Configure<TidemarkOptions>(o => TidemarkConfigurationBinder.Bind(section, o));
        return builder;
    }

    /// <summary>Registers the Tidemark health check: Healthy at target, Degraded while waiting or migrating, Unhealthy after a failure.</summary>
    public static IHealthChecksBuilder AddTidemarkHealthCheck(
        this IHealthChecksBuilder builder,
        string name = TidemarkHealthCheckNames.Default,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TidemarkState>();
        if (builder.Services.Any(d => d.ServiceType == typeof(HealthCheckMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<HealthCheckMarker>();
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new TidemarkHealthCheck(sp.GetRequiredService<TidemarkState>()),
            failureStatus,
            tags));
    }

    private static TidemarkBuilder AddCore(IServiceCollection services)
    {
        services.TryAddSingleton<TidemarkState>();
        services.TryAddSingleton<TidemarkDatabase>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TidemarkStartupService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TidemarkOptions>, TidemarkOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TidemarkOptions>, TidemarkOptionsChecks>());
        services.AddOptions<TidemarkOptions>().ValidateOnStart();
        return new TidemarkBuilder(services);
    }

    private sealed class HealthCheckMarker;
}
