using System.Diagnostics;

namespace Tidemark.Hosting;

/// <summary>
/// Tracing: an <see cref="ActivitySource"/> named <c>Tidemark</c> with a <c>tidemark.run</c> span for the
/// whole start-up run and a <c>tidemark.migration</c> span per applied migration.
/// </summary>
public static class TidemarkTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name to subscribe to (e.g. OpenTelemetry <c>AddSource("Tidemark")</c>).</summary>
    public const string ActivitySourceName = "Tidemark";

    /// <summary>The span of a whole start-up run.</summary>
    public const string RunActivityName = "tidemark.run";

    /// <summary>The span of one applied migration (tags: version, name, statement count).</summary>
    public const string MigrationActivityName = "tidemark.migration";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(TidemarkTelemetry).Assembly.GetName().Version?.ToString());
}
