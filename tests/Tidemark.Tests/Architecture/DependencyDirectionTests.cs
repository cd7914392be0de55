namespace Tidemark.Tests.Architecture;

/// <summary>
/// The library's folders (one namespace each) depend on each other one way. The root namespace
/// <c>Tidemark</c> is the public entry point (Migrator, its options, results and exceptions): it
/// composes every folder and is left out of the graph; every folder below it is in it.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly NamespaceGraph Library =
        NamespaceGraph.Of(typeof(Migrator).Assembly, ns => ns.StartsWith("Tidemark.", StringComparison.Ordinal));

    [Fact]
    public void No_namespace_of_the_library_uses_another_that_uses_it_back()
    {
        var cycles = Library.Cycles();
        Assert.True(cycles.Count == 0,
            "Namespaces that use each other in a circle:\n" + string.Join("\n", cycles.Select(c => string.Join(" ↔ ", c) + "\n" + Library.Explain(c))));
    }

    [Fact]
    public void The_graph_sees_the_dependencies_that_exist()
    {
        // Guards the test above against reading nothing: these edges are real and must be found.
        Assert.Contains("Tidemark.Catalog", Library.Edges["Tidemark.Diff"].Keys);
        Assert.Contains("Tidemark.Sql", Library.Edges["Tidemark.Sources"].Keys);
        Assert.Contains("Tidemark.Effects", Library.Edges["Tidemark.Execution"].Keys);
        Assert.Contains("Tidemark.Shadow", Library.Edges["Tidemark.Reconciliation"].Keys);
    }

    [Fact]
    public void Lower_layers_know_nothing_of_higher_ones()
    {
        string[] lower = ["Tidemark.Sql", "Tidemark.Sources", "Tidemark.Catalog", "Tidemark.Diff", "Tidemark.Connections", "Tidemark.Diagnostics"];
        var wrong = lower.SelectMany(ns => Library.Edges.TryGetValue(ns, out var t) ? t.Where(e => !lower.Contains(e.Key)).Select(e => $"{ns} → {e.Key}: {e.Value}") : []).ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void A_cycle_of_three_namespaces_is_found_and_explained()
    {
        var graph = NamespaceGraph.FromEdges([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"), ("D", "E")]);
        var cycle = Assert.Single(graph.Cycles());
        Assert.Equal(["A", "B", "C"], cycle);
        Assert.Contains("C → A", graph.Explain(cycle), StringComparison.Ordinal);
        Assert.Empty(NamespaceGraph.FromEdges([("A", "B"), ("B", "C")]).Cycles());
    }
}
