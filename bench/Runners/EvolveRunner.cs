using Npgsql;

namespace Bench;

/// <summary>Evolve: Flyway-style V&lt;n&gt;__x.sql folder, its defaults (cluster mode lock, commit each).</summary>
internal static class EvolveRunner
{
    public static void Run(string dir, string conn)
    {
        using var connection = new NpgsqlConnection(conn);
        var evolve = new EvolveDb.Evolve(connection, Console.WriteLine)
        {
            Locations = [dir],
            IsEraseDisabled = true,
        };
        evolve.Migrate();
    }
}
