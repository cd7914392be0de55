using FluentMigrator;
using FluentMigrator.Infrastructure;
using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;

namespace Bench;

/// <summary>
/// FluentMigrator with PostgreSQL: one migration per file of the plain folder (version = its number), each executing the file's SQL.
/// The migration list comes from the folder through a custom IMigrationInformationLoader instead of compiled classes.
/// </summary>
internal static class FluentMigratorRunner
{
    public static void Run(string dir, string conn)
    {
        using var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(rb => rb.AddPostgres().WithGlobalConnectionString(conn))
            .AddLogging(lb => lb.AddFluentMigratorConsole())
            .AddSingleton<IMigrationInformationLoader>(new FolderLoader(dir))
            .BuildServiceProvider(false);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp();
    }

    private sealed class FolderLoader(string dir) : IMigrationInformationLoader
    {
        public SortedList<long, IMigrationInfo> LoadMigrations()
        {
            var list = new SortedList<long, IMigrationInfo>();
            foreach (var file in Directory.GetFiles(dir, "*.sql"))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var version = long.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
                list.Add(version, new MigrationInfo(version, name, TransactionBehavior.Default, false, () => new FileMigration(file)));
            }

            return list;
        }
    }

    private sealed class FileMigration(string path) : Migration
    {
        public override void Up() => Execute.Sql(File.ReadAllText(path));

        public override void Down()
        {
        }
    }
}
