using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Tidemark.Hosting.Tests.Infrastructure;

namespace Tidemark.Hosting.Tests;

/// <summary>
/// Runs the built sample (samples/Tidemark.Sample.Api) as a process with no database configured,
/// as `dotnet run` on a fresh machine would: it must start its own throwaway PostgreSQL, migrate the
/// drizzle folder, answer /health with 200, serve the migrated table, and delete the server on Ctrl-C.
/// </summary>
public sealed partial class SampleAppTests
{
    [Fact]
    public async Task The_sample_starts_with_no_configuration_and_answers_health_200()
    {
        var port = FreePort();
        var output = new StringBuilder();
        using var process = StartSample(port, output, new Dictionary<string, string?>());
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            HttpResponseMessage? health = null;
            var until = DateTime.UtcNow.AddSeconds(120);
            while (health is null && DateTime.UtcNow < until && !process.HasExited)
            {
                try
                {
                    health = await http.GetAsync(new Uri("/health", UriKind.Relative));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(250);
                }
            }

            Assert.True(health is not null, "the sample never answered /health:\n" + Snapshot(output));
            Assert.Equal(HttpStatusCode.OK, health!.StatusCode);
            Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());

            var created = await http.PostAsync(new Uri("/users?email=ada%40example.org", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var users = await http.GetStringAsync(new Uri("/users", UriKind.Relative));
            Assert.Contains("\"email\":\"ada@example.org\"", users, StringComparison.Ordinal);
            Assert.Contains("\"role\":\"member\"", users, StringComparison.Ordinal);

            // Location points at a route that exists and returns the created user.
            var location = created.Headers.Location!;
            Assert.Matches(@"^(http://127\.0\.0\.1:\d+)?/users/\d+$", location.ToString());
            var one = await http.GetAsync(location);
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            Assert.Contains("\"email\":\"ada@example.org\"", await one.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var missing = await http.GetAsync(new Uri("/users/999999", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

            // The same email again is the client's conflict: 409 with a problem-details body, not a 500 and a stack trace.
            var duplicate = await http.PostAsync(new Uri("/users?email=ada%40example.org", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
            Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
            var problem = await duplicate.Content.ReadAsStringAsync();
            Assert.Contains("\"status\":409", problem, StringComparison.Ordinal);
            Assert.Contains("ada@example.org", problem, StringComparison.Ordinal);
            Assert.DoesNotContain("PostgresException", Snapshot(output), StringComparison.Ordinal);

            // Ctrl-C: the host stops and the throwaway server is stopped and deleted.
            await InterruptAsync(process);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(cts.Token);
            var log = Snapshot(output);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("[5006]", log, StringComparison.Ordinal);
            Assert.Contains("[5004]", log, StringComparison.Ordinal);
            var dataDir = DataDir().Match(log);
            Assert.True(dataDir.Success, log);
            Assert.False(Directory.Exists(dataDir.Groups[1].Value), "the throwaway cluster folder was not deleted");
            Assert.Contains("[5007]", log, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Ctrl_C_during_a_start_up_migration_rolls_back_and_exits_non_zero_without_a_crash()
    {
        using var folder = new TempFolder();
        folder.Write("0001_slow.sql", "CREATE TABLE sample_slow (id int);\nSELECT pg_sleep(60);\n");
        var db = await TestServer.CreateDatabaseAsync("sample");
        var output = new StringBuilder();
        var port = FreePort();
        using var process = StartSample(port, output, new Dictionary<string, string?>
        {
            ["ConnectionStrings__Default"] = db,
            ["Tidemark__Directory"] = folder.Path,
        });
        try
        {
            var until = DateTime.UtcNow.AddSeconds(60);
            while (await TestServer.ScalarAsync<long>(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()") == 0)
            {
                Assert.True(DateTime.UtcNow < until && !process.HasExited, "the slow migration never started:\n" + Snapshot(output));
                await Task.Delay(100);
            }

            // Migrations run before Kestrel listens: nothing answers while the migration runs.
            using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
            {
                await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://127.0.0.1:{port}/health")));
            }

            await InterruptAsync(process);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await process.WaitForExitAsync(cts.Token);
            var log = Snapshot(output);
            Assert.DoesNotContain("Now listening", log, StringComparison.Ordinal);
            Assert.True(process.ExitCode == 130, $"exit code {process.ExitCode}, expected 130:\n{log}");
            Assert.Contains("warn: Tidemark.Hosting[5010]", log, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", log, StringComparison.Ordinal);
            Assert.DoesNotContain("[5020]", log, StringComparison.Ordinal);
            Assert.False(await TestServer.ScalarAsync<bool>(db, "SELECT to_regclass('sample_slow') IS NOT NULL"));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static Process StartSample(int port, StringBuilder output, Dictionary<string, string?> environment)
    {
        var dll = SampleDll();
        // Through `env --default-signal=INT`: a test run started as a background job of a script (scripts/test.sh)
        // inherits SIGINT ignored, .NET then leaves it ignored, and the Ctrl-C these tests send would never arrive.
        var psi = new ProcessStartInfo("env")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add("--default-signal=INT");
        psi.ArgumentList.Add("dotnet");
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment.Remove("DATABASE_URL");
        psi.Environment.Remove("ConnectionStrings__Default");
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does.</summary>
    private static async Task InterruptAsync(Process process)
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string SampleDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(TestServer.RepoRoot, "samples", "Tidemark.Sample.Api", "bin", configuration, "net10.0", "Tidemark.Sample.Api.dll");
        Assert.True(File.Exists(dll), $"build the sample first: {dll} is missing");
        return dll;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"data in (\S+), deleted")]
    private static partial Regex DataDir();
}
