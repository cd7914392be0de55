using System.Diagnostics;

namespace Tidemark.IntegrationTests.Infrastructure;

/// <summary>
/// Runs the real <c>tidemark</c> CLI as a separate process: the managed build next to the tests, or the
/// Native AOT binary named by <c>TIDEMARK_CLI</c>. scripts/test.sh sets it to artifacts/native/&lt;rid&gt;/tidemark
/// for the whole suite (a native start costs a quarter of the managed one's CPU, and the suite starts hundreds),
/// then runs the CLI tests once more with the managed CLI.
/// </summary>
internal static class CliProcess
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "Tidemark.Cli.dll");

    /// <summary>The native binary under test, or null for the managed CLI.</summary>
    public static string? NativeBinary { get; } = ResolveNative();

    private static string? ResolveNative()
    {
        var path = Environment.GetEnvironmentVariable("TIDEMARK_CLI");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        return File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException($"TIDEMARK_CLI names {path}, which does not exist.", path);
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo(NativeBinary ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (NativeBinary is null)
        {
            psi.ArgumentList.Add(CliDll);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["NO_COLOR"] = "1";
        psi.Environment.Remove("DATABASE_URL");
        return Process.Start(psi)!;
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var p = Start(args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        return new Result(p.ExitCode, await stdout, await stderr);
    }
}

/// <summary>Runs the CLI inside a pseudo-terminal (util-linux <c>script</c>), as a person at an 80-column terminal would.</summary>
internal static class CliTerminal
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "Tidemark.Cli.dll");

    /// <summary>Everything written to the terminal (stdout and stderr interleaved, control sequences kept) and the exit code.</summary>
    public static async Task<(int ExitCode, string Screen)> RunAsync(params string[] args)
    {
        var command = "stty cols 80 rows 24 2>/dev/null; exec dotnet " + Quote(CliDll) + " " + string.Join(' ', args.Select(Quote));
        var psi = new System.Diagnostics.ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { "-q", "-e", "-c", command, "/dev/null" })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["NO_COLOR"] = "1";
        psi.Environment.Remove("DATABASE_URL");
        using var p = System.Diagnostics.Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout + await stderr);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
