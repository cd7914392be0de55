using System.Diagnostics;
using System.Globalization;
using Tidemark.Declarative;

// diff-bench <from url> <to url> [runs]: reads both schemas once, then times SchemaDifference.Between (after one
// warm-up call) and prints "changes=<n> median_ms=<x> min_ms=<y> max_ms=<z>".
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: diff-bench <from url> <to url> [runs]");
    return 2;
}

var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
var from = await DesiredState.ResolveAsync(args[0], new DesiredStateOptions());
var to = await DesiredState.ResolveAsync(args[1], new DesiredStateOptions(), from);
var diff = SchemaDifference.Between(from, to);
var times = new List<double>();
for (var i = 0; i < runs; i++)
{
    var clock = Stopwatch.StartNew();
    diff = SchemaDifference.Between(from, to);
    times.Add(clock.Elapsed.TotalMilliseconds);
}

times.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"changes={diff.Changes.Count} median_ms={times[times.Count / 2]:0.0} min_ms={times[0]:0.0} max_ms={times[^1]:0.0}"));
return 0;
