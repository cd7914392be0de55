namespace Tidemark.Cli.Output;

/// <summary>Where the CLI writes: results to stdout, progress and errors to stderr; colour only on a terminal without NO_COLOR.</summary>
internal sealed class Terminal(TextWriter stdout, TextWriter stderr, bool color, bool interactive)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>stderr is a terminal: show live progress.</summary>
    public bool Interactive { get; } = interactive;

    public static Terminal FromConsole(bool noColorFlag)
    {
        var noColor = noColorFlag || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var interactive = !Console.IsErrorRedirected;
        return new Terminal(Console.Out, Console.Error, color: !noColor && !Console.IsOutputRedirected, interactive);
    }

    public string Green(string s) => Paint("32", s);

    public string Red(string s) => Paint("31", s);

    public string Yellow(string s) => Paint("33", s);

    public string Dim(string s) => Paint("2", s);

    public string Bold(string s) => Paint("1", s);

    private string Paint(string code, string s) => color ? $"\u001b[{code}m{s}\u001b[0m" : s;
}
