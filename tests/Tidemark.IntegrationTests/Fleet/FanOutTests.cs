using System.Text.Json;
using Npgsql;
using Tidemark.Fleet;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.Testing;

namespace Tidemark.IntegrationTests.Fleet;

/// <summary><c>tidemark migrate --targets / --tenant-schemas</c>: every target an independent run.</summary>
public sealed class FanOutTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private void WriteMigrations(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            _folder.Write($"migrations/{i:0000}_t{i}.sql", $"CREATE TABLE t{i} (id int PRIMARY KEY, name text);\nINSERT INTO t{i} VALUES (1, current_schema());\n");
        }
    }

    private string Dir => Path.Combine(_folder.Path, "migrations");

    private static async Task<List<string>> CreateDatabasesAsync(int count)
    {
        var list = new List<string>();
        for (var i = 0; i < count; i++)
        {
            list.Add(await TestServer.CreateDatabaseAsync("fleet"));
        }

        return list;
    }

    private string WriteTargets(IReadOnlyList<string> dbs)
    {
        var lines = new List<string> { "# tenants of the fan-out test", "" };
        lines.AddRange(dbs.Select((db, i) => $"tenant{i + 1}={db}"));
        return _folder.Write("targets.txt", string.Join("\n", lines) + "\n");
    }

    private static JsonElement[] Targets(CliProcess.Result r) => [.. JsonDocument.Parse(r.Stdout).RootElement.GetProperty("targets").EnumerateArray()];

    private static async Task<bool> HasHistoryAsync(string db) =>
        await TestServer.ScalarAsync<bool>(db, "SELECT to_regclass('tidemark.history') IS NOT NULL");

    [Fact]
    public async Task Every_target_is_migrated_with_a_summary_and_a_rerun_does_nothing()
    {
        WriteMigrations(5);
        var dbs = await CreateDatabasesAsync(6);
        var file = WriteTargets(dbs);

        var r = await CliProcess.RunAsync("migrate", "--dir", Dir, "--targets", file, "--parallel", "3", "--json");
        Assert.True(r.ExitCode == 0, r.All);
        var targets = Targets(r);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"tenant{i}"), targets.Select(t => t.GetProperty("name").GetString()));
        Assert.All(targets, t =>
        {
            Assert.True(t.GetProperty("ok").GetBoolean());
            Assert.Equal("0005", t.GetProperty("currentVersion").GetString());
            Assert.Equal(5, t.GetProperty("appliedCount").GetInt32());
            Assert.True(t.GetProperty("durationMs").GetDouble() > 0);
            Assert.Equal(JsonValueKind.Null, t.GetProperty("error").ValueKind);
        });
        foreach (var db in dbs)
        {
            Assert.Equal(5L, await TestServer.ScalarAsync<long>(db, "SELECT count(*) FROM tidemark.history"));
        }

        var text = await CliProcess.RunAsync("migrate", "--dir", Dir, "--targets", file, "--parallel", "3");
        Assert.True(text.ExitCode == 0, text.All);
        Assert.Contains("6 targets: 6 ok, 0 failed, 0 skipped; 0 migrations applied", text.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"tenant4\s+ok\s+0005\s+0\s", text.Stdout);
    }

    [Fact]
    public async Task One_failing_target_does_not_stop_the_others_and_a_rerun_touches_only_it()
    {
        WriteMigrations(4);
        var dbs = await CreateDatabasesAsync(5);
        var file = WriteTargets(dbs);
        var broken = new NpgsqlConnectionStringBuilder(dbs[2]).Database!;
        await TestServer.ExecAsync(TestServer.AdminConnectionString, $"ALTER DATABASE \"{broken}\" SET default_transaction_read_only = on");

        var r = await CliProcess.RunAsync("migrate", "--dir", Dir, "--targets", file, "--parallel", "2", "--continue-on-error", "--json");
        Assert.Equal(1, r.ExitCode);
        var targets = Targets(r);
        Assert.False(targets[2].GetProperty("ok").GetBoolean());
        Assert.Contains("read-only", targets[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.All(targets.Where((_, i) => i != 2), t => Assert.Equal(4, t.GetProperty("appliedCount").GetInt32()));

        await TestServer.ExecAsync(TestServer.AdminConnectionString, $"ALTER DATABASE \"{broken}\" RESET default_transaction_read_only");
        var again = await CliProcess.RunAsync("migrate", "--dir", Dir, "--targets", file, "--parallel", "2", "--json");
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Equal([0, 0, 4, 0, 0], Targets(again).Select(t => t.GetProperty("appliedCount").GetInt32()));
    }

    [Fact]
    public async Task Without_continue_on_error_no_target_starts_after_a_failure()
    {
        WriteMigrations(2);
        var dbs = await CreateDatabasesAsync(4);
        var file = WriteTargets(dbs);
        await TestServer.ExecAsync(TestServer.AdminConnectionString, $"ALTER DATABASE \"{new NpgsqlConnectionStringBuilder(dbs[1]).Database}\" SET default_transaction_read_only = on");

        var r = await CliProcess.RunAsync("migrate", "--dir", Dir, "--targets", file, "--parallel", "1");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("4 targets: 1 ok, 1 failed, 2 skipped", r.Stdout, StringComparison.Ordinal);
        Assert.True(await HasHistoryAsync(dbs[0]));
        Assert.False(await HasHistoryAsync(dbs[2]));
        Assert.False(await HasHistoryAsync(dbs[3]));
    }

    [Fact]
    public async Task A_failing_canary_stops_the_fleet_before_any_other_target_is_touched()
    {
        WriteMigrations(2);
        var dbs = await CreateDatabasesAsync(5);
        var file = WriteTargets(dbs);
        await TestServer.ExecAsync(TestServer.AdminConnectionString, $"ALTER DATABASE \"{new NpgsqlConnectionStringBuilder(dbs[0]).Database}\" SET default_transaction_read_only = on");

        var r = await CliProcess.RunAsync("migrate", "--dir", Dir, "--targets", file, "--canary", "2", "--parallel", "4", "--continue-on-error", "--json");
        Assert.Equal(1, r.ExitCode);
        var targets = Targets(r);
        Assert.False(targets[0].GetProperty("ok").GetBoolean());
        Assert.True(targets[1].GetProperty("ok").GetBoolean());
        Assert.All(targets.Skip(2), t => Assert.Contains("canary tenant1 failed", t.GetProperty("error").GetString(), StringComparison.Ordinal));
        foreach (var db in dbs.Skip(2))
        {
            Assert.False(await HasHistoryAsync(db));
        }
    }

    [Fact]
    public async Task A_bad_targets_file_is_refused_naming_the_line()
    {
        WriteMigrations(1);
        var file = _folder.Write("bad.txt", "# ok\nfirst=postgres://u@localhost/a\nnot a url\n");
        var r = await CliProcess.RunAsync("migrate", "--dir", Dir, "--targets", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{file} line 3: 'not a url' is neither name=URL nor a postgres:// URL", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenants_with_existing_objects_are_adopted_or_refused_naming_the_difference_in_the_summary()
    {
        WriteMigrations(2);
        var db = await TestServer.CreateDatabaseAsync("adopt");
        // acme was restored from a dump at 0001; globex too, then changed by hand; initech is new.
        await TestServer.ExecAsync(db, """
            CREATE TABLE tenants (schema_name text); INSERT INTO tenants VALUES ('acme'), ('globex'), ('initech');
            CREATE SCHEMA acme; CREATE TABLE acme.t1 (id int PRIMARY KEY, name text);
            CREATE SCHEMA globex; CREATE TABLE globex.t1 (id int PRIMARY KEY, name text, extra int);
            """);

        var r = await CliProcess.RunAsync("migrate", "--dir", Dir, "--url", db, "--tenant-schemas", "SELECT schema_name FROM tenants ORDER BY 1", "--continue-on-error", "--json");

        Assert.Equal(1, r.ExitCode);
        var targets = Targets(r).ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(1, targets["acme"].GetProperty("appliedCount").GetInt32());
        Assert.Equal(2, targets["initech"].GetProperty("appliedCount").GetInt32());
        Assert.False(targets["globex"].GetProperty("ok").GetBoolean());
        Assert.Contains("which differs by: table globex.t1: column \"extra\" (integer) exists in the database but not after migration 0001",
            targets["globex"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await TestServer.ScalarAsync<long>(db, "SELECT count(*) FROM tidemark.history_acme WHERE kind = 'adopted'"));
    }

    [Fact]
    public async Task Tenant_schemas_of_one_database_share_its_connections_instead_of_one_backend_each()
    {
        WriteMigrations(2);
        // As a user passes it: a URL, pooled (the test server's connection strings turn pooling off).
        var db = new NpgsqlConnectionStringBuilder(await TestServer.CreateDatabaseAsync("sharing")) { Pooling = true }.ConnectionString;
        await TestServer.ExecAsync(db, "CREATE TABLE tenants (schema_name text); INSERT INTO tenants SELECT format('tenant_%s', g) FROM generate_series(1, 40) g;");
        var name = new NpgsqlConnectionStringBuilder(db).Database!;
        const string sessions = "SELECT sessions FROM pg_stat_database WHERE datname = current_database()";
        var before = await TestServer.ScalarAsync<long>(db, sessions);

        var r = await CliProcess.RunAsync("migrate", "--dir", Dir, "--url", db, "--tenant-schemas", "SELECT schema_name FROM tenants", "--parallel", "4", "--json");
        Assert.True(r.ExitCode == 0, r.All);
        Assert.Equal(40 * 2, Targets(r).Sum(t => t.GetProperty("appliedCount").GetInt32()));

        // One data source for the 40 tenants: its pooled backends serve tenant after tenant (at most a few per
        // running target), where a data source per tenant opened a backend, and loaded Npgsql's types, 40 times over.
        var opened = await TestServer.ScalarAsync<long>(db, sessions) - before - 1;
        Assert.True(opened <= 12, $"the fan-out over 40 tenant schemas of {name} opened {opened} sessions");
    }

    [Fact]
    public async Task Two_hundred_tenant_schemas_by_twenty_migrations_with_parallel_8_all_migrate_and_a_rerun_touches_only_the_failed_one()
    {
        for (var i = 1; i <= 20; i++)
        {
            _folder.Write($"migrations/{i:0000}_t{i}.sql", i == 10
                ? "CREATE TABLE t10 (id int);\nDO $$ BEGIN IF current_schema() = 'tenant_077' AND to_regclass('public.tenant_077_fixed') IS NULL THEN RAISE EXCEPTION 'tenant_077 is not ready'; END IF; END $$;\n"
                : $"CREATE TABLE t{i} (id int PRIMARY KEY, name text);\nINSERT INTO t{i} VALUES (1, current_schema());\n");
        }

        var db = new NpgsqlConnectionStringBuilder(await TestServer.CreateDatabaseAsync("tenants")) { Pooling = true }.ConnectionString;
        await TestServer.ExecAsync(db, "CREATE TABLE tenants (schema_name text); INSERT INTO tenants SELECT format('tenant_%s', lpad(g::text, 3, '0')) FROM generate_series(1, 200) g;");
        const string query = "SELECT schema_name FROM tenants ORDER BY 1";

        var r = await CliProcess.RunAsync("migrate", "--dir", Dir, "--url", db, "--tenant-schemas", query, "--parallel", "8", "--continue-on-error", "--json");
        Assert.Equal(1, r.ExitCode);
        var targets = Targets(r);
        Assert.Equal(200, targets.Length);
        Assert.Equal(["tenant_077"], targets.Where(t => !t.GetProperty("ok").GetBoolean()).Select(t => t.GetProperty("name").GetString()));
        Assert.Contains("tenant_077 is not ready", targets[76].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(199 * 20, targets.Sum(t => t.GetProperty("appliedCount").GetInt32()));
        Assert.Equal("0009", targets[76].GetProperty("currentVersion").GetString());
        Assert.Equal("tenant_042", await TestServer.ScalarAsync<string>(db, "SELECT name FROM tenant_042.t20"));
        Assert.Equal(9L, await TestServer.ScalarAsync<long>(db, "SELECT count(*) FROM tidemark.history_tenant_077"));

        await TestServer.ExecAsync(db, "CREATE TABLE public.tenant_077_fixed ()");
        var again = await CliProcess.RunAsync("migrate", "--dir", Dir, "--url", db, "--tenant-schemas", query, "--parallel", "8", "--json");
        Assert.True(again.ExitCode == 0, again.All);
        var rerun = Targets(again);
        Assert.Equal(11, rerun.Single(t => t.GetProperty("name").GetString() == "tenant_077").GetProperty("appliedCount").GetInt32());
        Assert.Equal(11, rerun.Sum(t => t.GetProperty("appliedCount").GetInt32()));
        Assert.All(rerun, t => Assert.Equal("0020", t.GetProperty("currentVersion").GetString()));
    }
}
