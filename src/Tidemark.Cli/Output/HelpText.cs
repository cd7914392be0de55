using System.CommandLine;
using System.CommandLine.Help;

namespace Tidemark.Cli.Output;

/// <summary>Help that fits an 80-column terminal, and parse errors with "did you mean" suggestions.</summary>
internal static class HelpText
{
    /// <summary>Help is wrapped at 80 columns (or the terminal's width, if narrower), whatever the output is.</summary>
    public const int MaxWidth = 80;

    public static HelpOption Option()
    {
        var width = MaxWidth;
        try
        {
            if (!Console.IsOutputRedirected && Console.WindowWidth is > 20 and < MaxWidth)
            {
                width = Console.WindowWidth;
            }
        }
        catch (IOException)
        {
            // No console size available: keep 80.
        }

        return new HelpOption { Action = new HelpAction { MaxWidth = width } };
    }

    /// <summary>Prints each parse error, with the closest command or option for an unknown one; returns the bad-input exit code.</summary>
    public static int WriteErrors(ParseResult parsed, TextWriter error)
    {
        var command = parsed.CommandResult.Command;
        var candidates = command.Subcommands.Select(c => c.Name)
            .Concat(command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)))
            .ToList();
        // "Required command was not provided" only restates an unknown command, which is reported below.
        foreach (var e in parsed.Errors.Where(e => parsed.UnmatchedTokens.Count == 0 || command.Subcommands.Count == 0 || command.Action is not null))
        {
            error.WriteLine("error: " + e.Message);
        }

        foreach (var token in parsed.UnmatchedTokens)
        {
            var suggestion = Closest(token, candidates);
            if (suggestion is not null)
            {
                error.WriteLine($"Did you mean `{suggestion}`?");
            }
        }

        var path = string.Join(' ', Path(parsed.CommandResult.Command, parsed.RootCommandResult.Command));
        error.WriteLine($"See `{path} --help`.");
        return ExitCodes.BadInput;
    }

    private static Stack<string> Path(Command command, Command root)
    {
        var names = new Stack<string>();
        for (Symbol? s = command; s is not null; s = s.Parents.FirstOrDefault())
        {
            names.Push(s.Name);
            if (ReferenceEquals(s, root))
            {
                break;
            }
        }

        return names;
    }

    /// <summary>The candidate nearest to <paramref name="token"/> by edit distance, when near enough to be a typo.</summary>
    internal static string? Closest(string token, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(token.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance)
            {
                (best, bestDistance) = (c, d);
            }
        }

        // A typo: a few edits, fewer than half the word (so "x" does not suggest "new").
        return best is not null && bestDistance <= Math.Max(1, Math.Min(3, token.TrimStart('-').Length / 2)) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
