using System.CommandLine;
using Tidemark.Cli;
using Tidemark.Cli.Commands;

var common = new CommonOptions();
var root = new RootCommand("tidemark: brings a PostgreSQL database to the state its migrations describe, safely and concurrently.");
foreach (var option in common.All)
{
    root.Options.Add(option);
}

root.Subcommands.Add(MigrateCommand.Create(common));
root.Subcommands.Add(StatusCommand.Create(common));
root.Subcommands.Add(StatusCommand.CreateValidate(common));
root.Subcommands.Add(PlanCommand.Create(common));
root.Subcommands.Add(NewCommand.Create(common));
root.Subcommands.Add(HashCommand.Create(common));

return await root.Parse(args).InvokeAsync();
