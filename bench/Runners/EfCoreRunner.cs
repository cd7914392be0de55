using System.Reflection;
using System.Reflection.Emit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bench;

/// <summary>
/// EF Core (Npgsql provider): one Migration per file of the plain folder, each calling migrationBuilder.Sql(file text),
/// applied by Database.MigrateAsync() with EF's own history table and migration lock. The migration types are emitted
/// at start-up from the folder (standing in for the compiled classes `dotnet ef migrations add` would produce).
/// </summary>
internal static class EfCoreRunner
{
    public static async Task RunAsync(string dir, string conn)
    {
        FolderMigrations.Load(dir);
        var options = new DbContextOptionsBuilder<BenchContext>()
            .UseNpgsql(conn)
            .ReplaceService<IMigrationsAssembly, FolderMigrationsAssembly>()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .LogTo(Console.WriteLine, Microsoft.Extensions.Logging.LogLevel.Warning)
            .Options;
        await using var context = new BenchContext(options);
        await context.Database.MigrateAsync();
    }

    internal sealed class BenchContext(DbContextOptions<BenchContext> options) : DbContext(options);

    internal static class FolderMigrations
    {
        public static SortedList<string, TypeInfo> Ids { get; } = new(StringComparer.Ordinal);

        public static Dictionary<Type, string> Files { get; } = [];

        public static void Load(string dir)
        {
            var module = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("EfBenchMigrations"), AssemblyBuilderAccess.Run)
                .DefineDynamicModule("EfBenchMigrations");
            foreach (var file in Directory.GetFiles(dir, "*.sql").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var number = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
                var id = $"20240101{number:D6}{name[name.IndexOf('_', StringComparison.Ordinal)..]}";
                var builder = module.DefineType("M" + name, TypeAttributes.Public | TypeAttributes.Sealed, typeof(EmittedFileMigration));
                builder.DefineDefaultConstructor(MethodAttributes.Public);
                builder.SetCustomAttribute(new CustomAttributeBuilder(typeof(MigrationAttribute).GetConstructor([typeof(string)])!, [id]));
                var type = builder.CreateTypeInfo()!;
                Ids.Add(id, type);
                Files.Add(type, file);
            }
        }
    }

    internal sealed class FolderMigrationsAssembly(ICurrentDbContext currentContext) : IMigrationsAssembly
    {
        public IReadOnlyDictionary<string, TypeInfo> Migrations => FolderMigrations.Ids;

        public ModelSnapshot? ModelSnapshot => null;

        public Assembly Assembly => currentContext.Context.GetType().Assembly;

        public string? FindMigrationId(string nameOrId) =>
            FolderMigrations.Ids.Keys.FirstOrDefault(k => k == nameOrId || k.EndsWith("_" + nameOrId, StringComparison.Ordinal));

        public Migration CreateMigration(TypeInfo migrationClass, string activeProvider) =>
            ((EmittedFileMigration)Activator.CreateInstance(migrationClass)!).WithProvider(activeProvider);
    }
}

/// <summary>Base of the emitted migration types: runs its file's SQL.</summary>
public abstract class EmittedFileMigration : Migration
{
    internal Migration WithProvider(string provider)
    {
        ActiveProvider = provider;
        return this;
    }

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(File.ReadAllText(EfCoreRunner.FolderMigrations.Files[GetType()]));
}
