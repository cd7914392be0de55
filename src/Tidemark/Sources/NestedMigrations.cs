namespace Tidemark.Sources;

/// <summary>
/// When a folder holds no migrations of its own, where below it they are: a project root (<c>prisma/</c>,
/// a Supabase or drizzle project, an app with <c>db/migrations</c>) given instead of its migrations folder.
/// </summary>
internal static class NestedMigrations
{
    private static readonly string[] Names = ["migrations", "drizzle"];
    private static readonly string[] Skipped = ["node_modules", ".git", "bin", "obj"];

    /// <summary>
    /// The next step naming the first folder (breadth first, at most three levels down) called <c>migrations</c> or
    /// <c>drizzle</c> whose layout is recognised, or null when there is none (or the tree is not a folder on disk).
    /// </summary>
    public static string? Hint(SourceTree tree)
    {
        if (!Directory.Exists(tree.Location))
        {
            return null;
        }

        var level = new List<string> { tree.Location };
        for (var depth = 0; depth < 3 && level.Count > 0; depth++)
        {
            var next = new List<string>();
            foreach (var dir in level)
            {
                string[] subs;
                try
                {
                    subs = Directory.GetDirectories(dir);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                Array.Sort(subs, StringComparer.Ordinal);
                foreach (var sub in subs.Where(s => !Skipped.Contains(Path.GetFileName(s), StringComparer.Ordinal)))
                {
                    if (Names.Contains(Path.GetFileName(sub), StringComparer.Ordinal) && Recognised(sub) is { } format)
                    {
                        return $"the migrations look to be in {sub} ({format}): pass that folder (--dir {Path.GetRelativePath(Environment.CurrentDirectory, sub)})";
                    }

                    next.Add(sub);
                }
            }

            level = next;
        }

        return null;
    }

    private static SourceFormat? Recognised(string folder)
    {
        try
        {
            var tree = DirectorySource.ReadTree(folder);
            var format = SourceLayouts.Detect(tree);
            return format == SourceFormat.Auto ? null : format;
        }
        catch (MigrationSourceException)
        {
            return null;
        }
    }
}
