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
        var dll = SampleDll();
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment.Remove("DATABASE_URL");
        psi.Environment.Remove("ConnectionStrings__Default");
        psi.Environment["Logging__Console__FormatterName"] = "simple";

        var output = new StringBuilder();
        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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
                catch (HttpRequestException)
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

            // Ctrl-C: the host stops and the throwaway server is stopped and deleted.
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
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
