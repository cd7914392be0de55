using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tidemark.Hosting;

namespace Tidemark.Hosting.Tests.Infrastructure;

/// <summary>Builds generic hosts (Host.CreateApplicationBuilder) wired for Tidemark, with logs captured.</summary>
internal static class HostFactory
{
    public static IHost Build(
        LogSink logs,
        Action<TidemarkOptions>? configure = null,
        IDictionary<string, string?>? settings = null,
        Action<HostApplicationBuilder>? more = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = Path.GetTempPath(),
            EnvironmentName = "Testing",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        var tidemark = configure is null ? builder.Services.AddTidemark() : builder.Services.AddTidemark(configure);
        tidemark.AddHealthCheck();
        more?.Invoke(builder);
        return builder.Build();
    }
}
