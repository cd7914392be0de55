using System.Diagnostics;

namespace Tidemark.IntegrationTests.Infrastructure;

/// <summary>Runs the scripts in tests/js (drizzle's own migrator) with node; scripts/test.sh installs their packages.</summary>
internal static class Node
{
    public static async Task<CliProcess.Result> RunAsync(string script, params string[] args)
    {
        var dir = Path.Combine(TestServer.RepoRoot, "tests", "js");
        Assert.True(Directory.Exists(Path.Combine(dir, "node_modules")), "tests/js/node_modules is missing: run `npm ci` in tests/js (scripts/test.sh does)");
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        psi.ArgumentList.Add(Path.Combine(dir, script));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return new CliProcess.Result(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>A postgres:// URL for node's pg client from an Npgsql connection string.</summary>
    public static string Url(string npgsqlConnectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(npgsqlConnectionString);
        return $"postgres://{b.Username}@{b.Host}:{b.Port}/{b.Database}";
    }
}
