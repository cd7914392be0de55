using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tidemark.Cli.Output;

namespace Tidemark.Cli;

/// <summary>Runs a command body with the shared error handling: exit codes, text or JSON errors, no stack traces unless --verbose.</summary>
internal static class CliRunner
{
    public static async Task<int> RunAsync(CommonOptions common, ParseResult result, Func<Terminal, bool, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var json = result.GetValue(common.Json);
        var verbose = result.GetValue(common.Verbose);
        var terminal = Terminal.FromConsole(result.GetValue(common.NoColor));
        try
        {
            return await body(terminal, json, ct);
        }
        catch (Exception ex) when (ex is TidemarkException or OperationCanceledException || !verbose)
        {
            if (json)
            {
                WriteJson(terminal, new JsonErrorOnly(1, false, ErrorReport.ToJson(ex)), CliJsonContext.Default.JsonErrorOnly);
            }
            else
            {
                ErrorReport.WriteText(terminal, ex, verbose);
            }

            return ErrorReport.ExitCodeOf(ex);
        }
    }

    /// <summary>Writes a documented JSON shape; quotes and backticks stay readable (not \u0022).</summary>
    public static void WriteJson<T>(Terminal terminal, T value, JsonTypeInfo<T> info)
    {
        _ = info;
        terminal.Out.WriteLine(JsonSerializer.Serialize(value, (JsonTypeInfo<T>)RelaxedJson.GetTypeInfo(typeof(T))!));
    }

    private static readonly CliJsonContext RelaxedJson = new(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>With --verbose, library logs go to stderr; otherwise nowhere (the CLI prints its own progress).</summary>
    public static ILogger<T> Logger<T>(ParseResult result, CommonOptions common)
    {
        if (!result.GetValue(common.Verbose))
        {
            return NullLogger<T>.Instance;
        }

        var factory = LoggerFactory.Create(b => b
            .SetMinimumLevel(LogLevel.Debug)
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .AddFilter("Npgsql", LogLevel.Warning));
        return factory.CreateLogger<T>();
    }
}
