using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;

namespace Tidemark.IntegrationTests.Cli;

public sealed class DownCommandTests : RunnerTestBase
{
    [Fact]
    public async Task Down_prints_the_generated_down_and_write_saves_it_as_the_down_file_rollback_then_uses()
    {
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
        Folder.Write("0002_email.sql", "ALTER TABLE users ADD COLUMN email text;\nCREATE INDEX users_email_idx ON users (email);\n");
        Assert.Equal(0, (await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db)).ExitCode);

        var shown = await CliProcess.RunAsync("down", "0002", "--dir", Folder.Path, "--url", Db);
        Assert.True(shown.ExitCode == 0, shown.All);
        Assert.Contains("DROP COLUMN email", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("-- hazard: TM200 DataLoss", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("--allow-data-loss", shown.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Folder.Path, "0002_email.down.sql")));

        // The generated down drops data: rollback refuses it without the flag and changes nothing.
        var refused = await CliProcess.RunAsync("rollback", "--steps", "1", "--dir", Folder.Path, "--url", Db);
        Assert.Equal(6, refused.ExitCode);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'"));

        var written = await CliProcess.RunAsync("down", "0002", "--write", "--dir", Folder.Path, "--url", Db);
        Assert.True(written.ExitCode == 0, written.All);
        Assert.True(File.Exists(Path.Combine(Folder.Path, "0002_email.down.sql")));

        // Reviewed and saved, the down file is what rollback runs.
        var rolledBack = await CliProcess.RunAsync("rollback", "--steps", "1", "--dir", Folder.Path, "--url", Db);
        Assert.True(rolledBack.ExitCode == 0, rolledBack.All);
        Assert.Contains("0002_email.down.sql", rolledBack.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'"));
        Assert.Equal(1, await HistoryCountAsync());
    }
}
