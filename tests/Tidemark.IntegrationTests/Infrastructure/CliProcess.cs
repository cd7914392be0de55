using System.Diagnostics;

namespace Tidemark.IntegrationTests.Infrastructure;

/// <summary>Runs the real <c>tidemark</c> CLI as a separate process.</summary>
internal static class CliProcess
{
    private static readonly string CliDll = Path.Combine(AppContext.BaseDirectory, "Tidemark.Cli.dll");

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(CliDll);
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
