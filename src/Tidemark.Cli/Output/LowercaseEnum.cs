using System.CommandLine;
using System.Text;

namespace Tidemark.Cli.Output;

/// <summary>
/// Enum options as users type them: <c>--drift warn</c>, <c>--layout drizzle-journal</c> (kebab-case, any case),
/// and help that lists them that way instead of <c>&lt;Ignore|Refuse|Warn&gt;</c>.
/// </summary>
internal static class LowercaseEnum
{
    public static Option<T> Option<T>(string name, string description, T defaultValue)
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>().Select(Kebab).ToList();
        var option = new Option<T>(name)
        {
            Description = $"{description}: {string.Join(", ", values)} (default {Kebab(defaultValue)})",
            HelpName = name.TrimStart('-'),
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                foreach (var value in Enum.GetValues<T>())
                {
                    if (string.Equals(Kebab(value), token, StringComparison.OrdinalIgnoreCase)
                        || string.Equals(value.ToString(), token, StringComparison.OrdinalIgnoreCase))
                    {
                        return value;
                    }
                }

                result.AddError($"'{token}' is not a valid value for {name}; use one of: {string.Join(", ", values)}.");
                return defaultValue;
            },
        };
        if (!EqualityComparer<T>.Default.Equals(defaultValue, default))
        {
            // Only a non-zero default needs a factory (whose value help would print as the C# name).
            option.DefaultValueFactory = _ => defaultValue;
        }

        option.CompletionSources.Add(values.ToArray());
        return option;
    }

    /// <summary><c>DrizzleJournal</c> → <c>drizzle-journal</c>.</summary>
    public static string Kebab<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
