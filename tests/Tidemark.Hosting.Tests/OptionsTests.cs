using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Tidemark.Hosting.Tests.Infrastructure;

namespace Tidemark.Hosting.Tests;

public sealed class OptionsTests : HostTestBase
{
    [Fact]
    public async Task No_connection_is_reported_at_start_naming_the_setting()
    {
        using var host = HostFactory.Build(Logs, settings: new Dictionary<string, string?> { ["Tidemark:Directory"] = Folder.Path });
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Tidemark:ConnectionString: no database connection is configured", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_named_connection_string_is_reported_with_its_name()
    {
        using var host = HostFactory.Build(Logs, settings: new Dictionary<string, string?>
        {
            ["Tidemark:Directory"] = Folder.Path,
            ["Tidemark:ConnectionStringName"] = "Main",
        });
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Tidemark:ConnectionStringName: no connection string named 'Main'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_is_reported_with_the_setting_and_the_path()
    {
        using var host = HostFactory.Build(Logs, settings: new Dictionary<string, string?>
        {
            ["Tidemark:Directory"] = "/nonexistent/migrations",
            ["Tidemark:ConnectionString"] = Db,
        });
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Tidemark:Directory: folder '/nonexistent/migrations' does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_mode_and_a_bad_time_span_from_configuration_are_reported_with_the_setting()
    {
        using var host = HostFactory.Build(Logs, settings: new Dictionary<string, string?>
        {
            ["Tidemark:Mode"] = "Sometimes",
            ["Tidemark:Directory"] = Folder.Path,
            ["Tidemark:ConnectionString"] = Db,
        });
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Tidemark:Mode: 'Sometimes' is not a valid value; use one of Migrate, Validate, Off", ex.Message, StringComparison.Ordinal);

        using var host2 = HostFactory.Build(Logs, settings: new Dictionary<string, string?>
        {
            ["Tidemark:StartupTimeout"] = "soon",
            ["Tidemark:Directory"] = Folder.Path,
            ["Tidemark:ConnectionString"] = Db,
        });
        var ex2 = await Assert.ThrowsAsync<OptionsValidationException>(() => host2.StartAsync());
        Assert.Contains("Tidemark:StartupTimeout", ex2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_generated_validator_rejects_an_empty_history_table_and_custom_checks_reject_zero_timeouts()
    {
        using var host = BuildHost(o =>
        {
            o.HistoryTable = "";
            o.StartupTimeout = TimeSpan.Zero;
        });
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("HistoryTable: The TidemarkOptions.HistoryTable field is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Tidemark:HistoryTable: must not be empty", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Tidemark:StartupTimeout: must be greater than zero", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_configuration_section_is_named_in_errors_and_binds_when_valid()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Db:Migrations:Directory"] = "/nonexistent/x",
        }).Build();
        using var bad = HostFactory.Build(Logs, o => { }, more: b => b.Services.AddTidemark(config.GetSection("Db:Migrations")));
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => bad.StartAsync());
        Assert.Contains("Db:Migrations:Directory: folder '/nonexistent/x' does not exist", ex.Message, StringComparison.Ordinal);

        Folder.Write("0001_a.sql", "CREATE TABLE from_section (id int);\n");
        var good = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Db:Migrations:Directory"] = Folder.Path,
            ["Db:Migrations:ConnectionString"] = ToUrl(Db),
        }).Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddTidemark(good.GetSection("Db:Migrations"));
        using var host = builder.Build();
        await host.StartAsync();
        Assert.True(await TableExistsAsync("from_section"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Connection_from_a_named_connection_string()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE from_named (id int);\n");
        using var host = HostFactory.Build(Logs, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Main"] = Db,
            ["Tidemark:ConnectionStringName"] = "Main",
            ["Tidemark:Directory"] = Folder.Path,
        });
        await host.StartAsync();
        Assert.True(await TableExistsAsync("from_named"));
        Assert.Contains(Logs.WithId(5008), e => e.Message.Contains("ConnectionStrings:Main", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public async Task Connection_from_DATABASE_URL_when_nothing_else_is_configured()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE from_url (id int);\n");
        using var host = HostFactory.Build(Logs, settings: new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = ToUrl(Db),
            ["Tidemark:Directory"] = Folder.Path,
        });
        await host.StartAsync();
        Assert.True(await TableExistsAsync("from_url"));
        Assert.Contains(Logs.WithId(5008), e => e.Message.Contains("DATABASE_URL", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public async Task Connection_from_a_registered_NpgsqlDataSource()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE from_data_source (id int);\n");
        await using var dataSource = NpgsqlDataSource.Create(Db);
        using var host = HostFactory.Build(Logs, o => o.Directory = Folder.Path, more: b => b.Services.AddSingleton(dataSource));
        await host.StartAsync();
        Assert.True(await TableExistsAsync("from_data_source"));
        Assert.Same(dataSource, await host.Services.GetRequiredService<TidemarkDatabase>().GetDataSourceAsync());
        await host.StopAsync();
    }

    [Fact]
    public async Task AddTidemark_twice_registers_one_runner_and_one_health_check()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE once (id int);\n");
        using var host = BuildHost(more: b =>
        {
            b.Services.AddTidemark(o => o.HistoryTable = "history").AddHealthCheck();
            b.Services.AddHealthChecks().AddTidemarkHealthCheck();
        });
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<TidemarkStartupService>());
        Assert.Single(host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        await host.StartAsync();
        Assert.Equal(1, await AppliedCountAsync());
        Assert.Single(Logs.WithId(5004));
        await host.StopAsync();
    }

    private static string ToUrl(string npgsql)
    {
        var b = new NpgsqlConnectionStringBuilder(npgsql);
        return $"postgres://{b.Username}@{b.Host}:{b.Port}/{b.Database}";
    }
}
