using System.CommandLine.Help;
using System.CommandLine;
using Tidemark.Cli;
using Tidemark.Cli.Commands;
using Tidemark.Cli.Output;

var common = new CommonOptions();
// A named root (not RootCommand) so help says "tidemark", whatever the assembly is called.
var root = new Command("tidemark", "Brings a PostgreSQL database to the state its migrations describe: safely, concurrently, with exact errors.")
{
    HelpText.Option(),
    new VersionOption(),
};

root.Subcommands.Add(MigrateCommand.Create(common));
root.Subcommands.Add(StatusCommand.Create(common));
root.Subcommands.Add(StatusCommand.CreateValidate(common));
root.Subcommands.Add(PlanCommand.Create(common));
root.Subcommands.Add(NewCommand.Create(common));
root.Subcommands.Add(HashCommand.Create(common));
root.Subcommands.Add(InspectCommand.Create(common));
root.Subcommands.Add(DiffCommand.Create(common));
root.Subcommands.Add(RollbackCommand.Create(common));
root.Subcommands.Add(RepairCommand.Create(common));
root.Subcommands.Add(ResolveCommand.Create(common));
root.Subcommands.Add(DownCommand.Create(common));
root.Subcommands.Add(LintCommand.Create(common));
root.Subcommands.Add(GenerateCommand.Create(common));
root.Subcommands.Add(PushCommand.Create(common));

// Each command lists (and accepts) only the options it reads; see CommonOptions.AddTo.
foreach (var command in root.Subcommands)
{
    common.AddTo(command);
}

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help" or "-?"))
{
    return HelpText.WriteErrors(parsed, Console.Error);
}

return await parsed.InvokeAsync();
