using DbUp;

namespace Bench;

/// <summary>DbUp (dbup-postgresql): scripts from the plain folder, one transaction per script, its default journal.</summary>
internal static class DbUpRunner
{
    public static void Run(string dir, string conn)
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(conn)
            .WithScriptsFromFileSystem(dir)
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogToConsole()
            .Build();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"DbUp failed on script {result.ErrorScript?.Name}", result.Error);
        }
    }
}
