using System.CommandLine;
using System.Globalization;
using Tidemark.Cli.Output;
using Tidemark.Fleet;

namespace Tidemark.Cli.Commands;

/// <summary>
/// <c>tidemark migrate --targets FILE</c> / <c>--tenant-schemas SQL</c>: one independent run per target through
/// <see cref="Migrator.MigrateManyAsync"/>, a summary table (or <c>--json</c> <c>targets[]</c>), exit 1 when any failed.
/// </summary>
internal sealed class FleetMigrate
{
    public Option<string?> Targets { get; } = new("--targets") { Description = "A file listing databases to migrate, one name=URL (or URL) per line; # comments" };

    public Option<string?> TenantSchemas { get; } = new("--tenant-schemas") { Description = "Schema-per-tenant: a SQL query (run on --url) returning the tenant schema names; each gets its own history, lock and search_path" };

    public Option<int> Parallel { get; } = new("--parallel") { Description = "How many targets migrate at once (default 4)", DefaultValueFactory = _ => 4 };

    public Option<int> Canary { get; } = new("--canary") { Description = "Migrate the first K targets first; if one fails, stop before touching the others" };

    public Option<bool> ContinueOnError { get; } = new("--continue-on-error") { Description = "Keep starting targets after one failed (default: stop starting new ones)" };

    public IEnumerable<Option> All => [Targets, TenantSchemas, Parallel, Canary, ContinueOnError];

    public bool Applies(ParseResult result) => result.GetValue(Targets) is not null || result.GetValue(TenantSchemas) is not null;

    public async Task<int> RunAsync(CommonOptions common, ParseResult result, Terminal terminal, bool json, CancellationToken ct)
    {
        var file = result.GetValue(Targets);
        var tenants = result.GetValue(TenantSchemas);
        if (file is not null && tenants is not null)
        {
            throw new TidemarkException("--targets and --tenant-schemas were both given.", "Use one: a file of databases, or a query listing tenant schemas of --url.");
        }

        var targets = file is not null
            ? await TargetList.ReadAsync(file, ct)
            : await Tidemark.Fleet.TenantSchemas.ListAsync(common.ResolveUrl(result), tenants!, ct);
        var progress = new FleetProgress(terminal, targets.Count, enabled: !json && terminal.Interactive);
        var options = common.CreateMigratorOptions(result, null) with { ShadowServerConnectionString = null };
        var fleet = new FleetOptions
        {
            Parallelism = result.GetValue(Parallel),
            Canary = result.GetValue(Canary),
            ContinueOnError = result.GetValue(ContinueOnError),
            OnTargetStarted = progress.Started,
            OnTargetProgress = progress.Report,
            OnTargetFinished = progress.Finished,
        };
        var outcome = await Migrator.MigrateManyAsync(targets, options, fleet, null, ct);
        progress.Clear();
        if (json)
        {
            CliRunner.WriteJson(terminal, new JsonFleetResult(1, outcome.Ok, outcome.Targets.Count, outcome.Failed, outcome.SkippedCount, outcome.Elapsed.TotalMilliseconds,
                [.. outcome.Targets.Select(t => new JsonTarget(t.Name, t.Ok, t.Skipped, t.CurrentVersion, t.AppliedCount, Math.Round(t.Duration.TotalMilliseconds, 1), t.Error))],
                null), CliJsonContext.Default.JsonFleetResult);
        }
        else
        {
            WriteSummary(terminal, outcome);
        }

        return outcome.Ok ? ExitCodes.Ok : ExitCodes.MigrationFailed;
    }

    private static void WriteSummary(Terminal t, FleetResult outcome)
    {
        var nameWidth = Math.Clamp(outcome.Targets.Max(x => x.Name.Length), 6, 40);
        t.Out.WriteLine($"{"target".PadRight(nameWidth)}  {"result",-7}  {"version",-16}  {"applied",7}  {"ms",8}  error");
        foreach (var r in outcome.Targets)
        {
            var status = r.Ok ? t.Green("ok".PadRight(7)) : r.Skipped ? t.Yellow("skipped") : t.Red("FAILED".PadRight(7));
            var name = r.Name.Length > nameWidth ? r.Name[..(nameWidth - 1)] + "…" : r.Name.PadRight(nameWidth);
            t.Out.WriteLine($"{name}  {status}  {(r.CurrentVersion ?? "-"),-16}  {r.AppliedCount,7}  {r.Duration.TotalMilliseconds,8:0}  {r.Error}");
        }

        var applied = outcome.Targets.Sum(x => x.AppliedCount);
        t.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Targets.Count} targets: {outcome.Targets.Count(x => x.Ok)} ok, {outcome.Failed} failed, {outcome.SkippedCount} skipped; {applied} migrations applied in {outcome.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>On a terminal: a line per finished target and a live line with the targets in flight.</summary>
    private sealed class FleetProgress(Terminal terminal, int total, bool enabled)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, string> _running = new(StringComparer.Ordinal);
        private int _done;
        private int _failed;

        public void Started(string name) => Update(name, "connecting");

        public void Report(string name, MigrationProgress p) =>
            Update(name, p.Phase == MigrationProgressPhase.WaitingForLock ? "waiting for lock" : p.Version is null ? "locked" : $"{p.MigrationNumber}/{p.MigrationCount} {p.Version}");

        public void Finished(TargetResult r)
        {
            if (!enabled)
            {
                return;
            }

            lock (_gate)
            {
                _running.Remove(r.Name);
                _done++;
                _failed += r.Ok ? 0 : 1;
                var mark = r.Ok ? terminal.Green("✓") : terminal.Red("✗");
                var what = r.Ok ? $"{r.AppliedCount} applied, at {r.CurrentVersion ?? "(none)"}" : r.Error;
                terminal.Error.WriteLine($"\r  {mark} {r.Name} {terminal.Dim($"({r.Duration.TotalMilliseconds:0} ms)")} {what}\u001b[K");
                Draw();
            }
        }

        public void Clear()
        {
            if (enabled)
            {
                terminal.Error.Write("\r\u001b[K");
            }
        }

        private void Update(string name, string state)
        {
            if (!enabled)
            {
                return;
            }

            lock (_gate)
            {
                _running[name] = state;
                Draw();
            }
        }

        private void Draw()
        {
            var inFlight = string.Join(", ", _running.Take(3).Select(kv => $"{kv.Key} {kv.Value}"));
            terminal.Error.Write($"\r  {_done}/{total} done{(_failed > 0 ? $", {_failed} failed" : "")} · {inFlight}{(_running.Count > 3 ? $" +{_running.Count - 3}" : "")}\u001b[K");
        }
    }
}
