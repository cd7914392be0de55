namespace Tidemark.Sources;

/// <summary>Reads the files of ordered entries (in parallel) and builds the <see cref="MigrationSet"/>.</summary>
internal static class MigrationSetBuilder
{
    public static MigrationSet Build(
        SourceFormat format,
        string location,
        IReadOnlyList<MigrationEntry> versioned,
        IReadOnlyList<MigrationEntry> repeatable,
        CancellationToken cancellationToken)
    {
        var all = versioned.Concat(repeatable).ToArray();
        var files = new List<SourceFile>(all.Length + 8);
        var downIndex = new int[all.Length];
        foreach (var entry in all)
        {
            files.Add(entry.File);
        }

        for (var i = 0; i < all.Length; i++)
        {
            downIndex[i] = -1;
            if (all[i].Down is { } down)
            {
                downIndex[i] = files.Count;
                files.Add(down);
            }
        }

        var loaded = SourceFileReader.ReadAll(files, cancellationToken);
        var migrations = new Migration[all.Length];
        for (var i = 0; i < all.Length; i++)
        {
            var entry = all[i];
            var up = loaded[i];
            var down = downIndex[i] >= 0 ? loaded[downIndex[i]] : null;
            var sections = SectionedSql.Split(entry.Sections, up);
            var upScript = sections is null ? up.Script : Utf8Sql.FromString(sections.Up);
            var downScript = sections is null ? down?.Script : sections.Down is { } d ? Utf8Sql.FromString(d) : down?.Script;
            migrations[i] = new Migration(entry.Version, entry.Name, entry.Kind, up.Path, upScript, up.Checksum, i)
            {
                DownScript = downScript,
                DownPath = sections?.Down is not null ? up.Path : down?.Path,
                NoTransactionDirective = up.NoTransactionDirective || entry.NoTransaction || sections?.NoTransaction == true,
                DrizzleCreatedAt = entry.DrizzleCreatedAt,
                DrizzleName = entry.DrizzleName,
                LfChecksum = up.LfChecksum,
                RelativePath = entry.File.Name,
            };
        }

        return new MigrationSet(format, location, migrations[..versioned.Count], migrations[versioned.Count..]);
    }
}
