using Tidemark.Planning;
using Microsoft.Extensions.Configuration;
using Tidemark.Sources;
using Tidemark.Reconciliation;

namespace Tidemark.Hosting;

/// <summary>
/// Binds a configuration section onto <see cref="TidemarkOptions"/>. Values that cannot be read
/// (an unknown mode, a malformed time span) are collected with their setting's name and reported
/// by validation at start, instead of surfacing as a binder exception.
/// </summary>
internal static class TidemarkConfigurationBinder
{
    public static void Bind(IConfiguration section, TidemarkOptions options)
    {
        if (section is IConfigurationSection s)
        {
            options.SectionPath = s.Path;
        }

        var before = options.ConfigurationErrors.Count;
        CheckEnum<TidemarkMode>(section, options, nameof(TidemarkOptions.Mode));
        CheckEnum<SourceFormat>(section, options, nameof(TidemarkOptions.Format));
        CheckEnum<TransactionMode>(section, options, nameof(TidemarkOptions.TransactionMode));
        CheckEnum<DriftPolicy>(section, options, nameof(TidemarkOptions.DriftPolicy));
        CheckEnum<ReconcilePolicy>(section, options, nameof(TidemarkOptions.Reconcile));
        if (options.ConfigurationErrors.Count > before)
        {
            return;
        }

        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            var message = ex.InnerException is null ? ex.Message : $"{ex.Message} ({ex.InnerException.Message})";
            options.ConfigurationErrors.Add(message);
        }
    }

    private static void CheckEnum<T>(IConfiguration section, TidemarkOptions options, string key)
        where T : struct, Enum
    {
        var value = section[key];
        if (value is null || Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return;
        }

        options.ConfigurationErrors.Add(
            $"{options.Setting(key)}: '{value}' is not a valid value; use one of {string.Join(", ", Enum.GetNames<T>())}.");
    }
}
