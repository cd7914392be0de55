using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Tidemark.Hosting;

/// <summary>
/// The checks data annotations cannot express, each message naming the setting
/// (e.g. <c>Tidemark:Directory: folder '/x' does not exist</c>). Runs at start via <c>ValidateOnStart</c>.
/// </summary>
internal sealed class TidemarkOptionsChecks(IServiceProvider services) : IValidateOptions<TidemarkOptions>
{
    public ValidateOptionsResult Validate(string? name, TidemarkOptions options)
    {
        var errors = new List<string>(options.ConfigurationErrors);
        if (errors.Count > 0 || options.Mode == TidemarkMode.Off)
        {
            return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
        }

        CheckSource(options, services.GetService<IHostEnvironment>()?.ContentRootPath, errors);
        CheckTimes(options, errors);
        CheckIdentifier(options, options.HistorySchema, nameof(TidemarkOptions.HistorySchema), errors);
        CheckIdentifier(options, options.HistoryTable, nameof(TidemarkOptions.HistoryTable), errors);

        var registered = services.GetService<IServiceProviderIsService>()?.IsService(typeof(NpgsqlDataSource)) ?? false;
        var choice = ConnectionResolver.Resolve(options, services.GetService<IConfiguration>(), registered);
        if (choice.Error is not null)
        {
            errors.Add(choice.Error);
        }

        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }

    private static void CheckSource(TidemarkOptions options, string? contentRoot, List<string> errors)
    {
        var hasDirectory = !string.IsNullOrWhiteSpace(options.Directory);
        var hasAssembly = options.Assembly is not null || !string.IsNullOrWhiteSpace(options.AssemblyName);
        if (hasDirectory && hasAssembly)
        {
            errors.Add($"{options.Setting(nameof(TidemarkOptions.Directory))} and {options.Setting(nameof(TidemarkOptions.AssemblyName))} are both set; set one of them.");
            return;
        }

        if (!hasDirectory && !hasAssembly)
        {
            errors.Add($"{options.Setting(nameof(TidemarkOptions.Directory))}: no migrations are configured; set it to the migrations folder " +
                       $"(or {options.Setting(nameof(TidemarkOptions.AssemblyName))} for embedded migrations).");
            return;
        }

        if (hasDirectory)
        {
            var full = options.ResolveDirectory(contentRoot)!;
            if (!System.IO.Directory.Exists(full))
            {
                var resolved = Path.IsPathRooted(options.Directory!) ? "" : $" (resolved against the content root '{contentRoot ?? Environment.CurrentDirectory}')";
                errors.Add($"{options.Setting(nameof(TidemarkOptions.Directory))}: folder '{full}' does not exist{resolved}.");
            }

            return;
        }

        if (options.Assembly is null)
        {
            try
            {
                options.ResolveAssembly();
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException or ArgumentException)
            {
                errors.Add($"{options.Setting(nameof(TidemarkOptions.AssemblyName))}: cannot load assembly '{options.AssemblyName}': {ex.Message}");
            }
        }
    }

    private static void CheckIdentifier(TidemarkOptions options, string? value, string setting, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{options.Setting(setting)}: must not be empty.");
        }
        else if (System.Text.Encoding.UTF8.GetByteCount(value) > 63)
        {
            errors.Add($"{options.Setting(setting)}: '{value}' is longer than PostgreSQL's 63-byte identifier limit.");
        }
    }

    private static void CheckTimes(TidemarkOptions options, List<string> errors)
    {
        void Positive(TimeSpan? value, string setting)
        {
            if (value is { } v && v <= TimeSpan.Zero)
            {
                errors.Add($"{options.Setting(setting)}: must be greater than zero (was {v}).");
            }
        }

        Positive(options.StartupTimeout, nameof(TidemarkOptions.StartupTimeout));
        Positive(options.LockWaitTimeout, nameof(TidemarkOptions.LockWaitTimeout));
        Positive(options.LockTimeout, nameof(TidemarkOptions.LockTimeout));
        Positive(options.StatementTimeout, nameof(TidemarkOptions.StatementTimeout));
    }
}
