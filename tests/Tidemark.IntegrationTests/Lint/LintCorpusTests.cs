using Tidemark.Lint;
using Tidemark.Shadow;

namespace Tidemark.IntegrationTests.Lint;

/// <summary>
/// The corpus: real migrations of public projects (documenso's Prisma migrations, lemmy's diesel
/// migrations; each file names its origin) and the SQL examples of squawk's rule pages. Static
/// findings must equal the reviewed expectations, and in a shadow database the locks and rewrites
/// PostgreSQL really takes must equal what lint predicted, statement by statement.
/// </summary>
public sealed class LintCorpusTests
{
    private static string Corpus(string name) => Path.Combine(TestServer.RepoRoot, "tests", "Tidemark.IntegrationTests", "Lint", "Corpus", name);

    [Theory]
    [InlineData("documenso")]
    [InlineData("lemmy")]
    [InlineData("squawk-docs")]
    public async Task Static_findings_equal_the_expected_codes(string project)
    {
        var report = await Linter.LintAsync(new LintOptions { Directory = Corpus(project), PostgresVersion = 15 });
        var actual = report.Findings.Select(f => $"{Path.GetFileName(f.File)}:{f.Line}:{f.Column} {f.Code}").ToList();
        var expected = File.ReadAllLines(Corpus(project + ".expected.txt")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal(expected, actual);
        Assert.All(Directory.GetFiles(Corpus(project), "*.sql"), f => Assert.StartsWith("-- origin: https://github.com/", File.ReadLines(f).First(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_corpus_holds_at_least_300_real_world_statements()
    {
        var total = 0;
        foreach (var project in new[] { "documenso", "lemmy" })
        {
            total += (await Linter.LintAsync(new LintOptions { Directory = Corpus(project) })).Statements;
        }

        Assert.True(total >= 300, $"{total} statements");
    }

    [Theory]
    [InlineData("documenso")]
    [InlineData("lemmy")]
    public async Task Traced_in_a_shadow_the_observed_locks_and_rewrites_equal_the_static_ones(string project)
    {
        var shadow = await TestServer.CreateDatabaseAsync("linttr");
        var report = await Linter.LintAsync(new LintOptions
        {
            Directory = Corpus(project),
            PostgresVersion = 15,
            Trace = true,
            Shadow = new ShadowOptions { Url = shadow, AllowTemporaryDatabase = false, AllowLocalCluster = false },
        });

        Assert.Equal(report.Statements, report.Trace.Count);
        var differ = report.Trace.Where(t => !t.Agrees).Select(t => $"{Path.GetFileName(t.File)}:{t.Line} predicted [{string.Join(", ", t.Predicted)}; rewrites {string.Join(", ", t.PredictedRewrites)}] observed [{string.Join(", ", t.Observed)}; rewrites {string.Join(", ", t.ObservedRewrites)}] {t.Note}").ToList();
        Assert.True(differ.Count == 0, string.Join("\n", differ));

        // The comparison is not vacuous: strong locks and rewrites were observed and predicted.
        Assert.Contains(report.Trace, t => t.Observed.Any(l => l.Mode == LockMode.AccessExclusive));
        Assert.Contains(report.Trace, t => t.Observed.Any(l => l.Mode is LockMode.Share or LockMode.ShareRowExclusive));
        if (project == "documenso")
        {
            Assert.Contains(report.Trace, t => t.ObservedRewrites.Count > 0 && t.PredictedRewrites.SequenceEqual(t.ObservedRewrites));
        }
    }
}
