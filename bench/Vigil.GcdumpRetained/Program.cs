using System.Globalization;
using Graphs;

namespace Vigil.GcdumpRetained;

/// <summary>
/// Retained sizes in one or two .gcdump files (dotnet-gcdump's heap snapshots): the dominator tree of the heap graph
/// from its roots (Cooper, Harvey and Kennedy's iterative algorithm over a reverse postorder), each object's retained
/// size (its own bytes and those of every object it dominates: what would be freed with it), and each type's
/// retained size (over its objects not dominated by another object of the type, so nothing is counted twice). With
/// two files it sets them side by side: the types that retain most at the end and those whose retained size grew most.
/// <code>dotnet run -c Release --project bench/Vigil.GcdumpRetained -p:GcdumpTool=DIR -- A.gcdump [B.gcdump] [--top 25]</code>
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var files = args.Where(a => a.EndsWith(".gcdump", StringComparison.Ordinal)).ToList();
        if (files.Count is < 1 or > 2)
        {
            Console.Error.WriteLine("usage: Vigil.GcdumpRetained A.gcdump [B.gcdump] [--top 25]");
            return 2;
        }
        var top = args.Contains("--top") ? int.Parse(args[Array.IndexOf(args, "--top") + 1], CultureInfo.InvariantCulture) : 25;
        var graphs = files.Select(f => new GCHeapDump(f).MemoryGraph).ToList();
        // A snapshot whose type names were lost (dotnet-gcdump's lossy buffering: "UNKNOWN 0x<method table>") is named from
        // the other: its objects at an address where the other has an object of the same size vote for that object's type.
        var names = graphs.Select((g, i) => graphs.Count > 1 ? NamesFrom(g, graphs[1 - i], Path.GetFileName(files[i])) : []).ToList();
        var results = files.Select((f, i) => Analyse(f, graphs[i], names[i])).ToList();
        foreach (var (file, r) in files.Zip(results))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file)}: {r.Objects:N0} objects reachable from the roots, {r.TotalBytes / 1048576.0:N1} MiB; the single objects that retain most:"));
            Console.WriteLine("| object's type | retained MiB | its own bytes |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var (type, retained, self) in r.TopObjects.Take(top))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{type}` | {retained / 1048576.0:N1} | {self:N0} |"));
            }
            Console.WriteLine();
        }
        var a = results[0];
        var b = results[^1];
        Console.WriteLine($"By type, retained ({(results.Count > 1 ? "A: the first file, B: the second" : "one file")}):");
        Header();
        foreach (var type in b.ByType.OrderByDescending(t => t.Value.Retained).Take(top).Select(t => t.Key))
        {
            Row(a, b, type);
        }
        Console.WriteLine();
        Console.WriteLine("By type, own bytes (the objects' own sizes):");
        Header();
        foreach (var type in b.OwnBytes.OrderByDescending(t => t.Value).Take(top).Select(t => t.Key))
        {
            Row(a, b, type);
        }
        if (results.Count > 1)
        {
            Console.WriteLine();
            Console.WriteLine("Own bytes grew most:");
            Header();
            foreach (var type in a.OwnBytes.Keys.Union(b.OwnBytes.Keys).OrderByDescending(k => b.OwnBytes.GetValueOrDefault(k) - a.OwnBytes.GetValueOrDefault(k)).Take(top))
            {
                Row(a, b, type);
            }
            Console.WriteLine();
            Console.WriteLine("Retained size grew most:");
            Header();
            foreach (var type in a.ByType.Keys.Union(b.ByType.Keys).OrderByDescending(k => b.ByType.GetValueOrDefault(k).Retained - a.ByType.GetValueOrDefault(k).Retained).Take(top))
            {
                Row(a, b, type);
            }
            Console.WriteLine();
            Console.WriteLine("Objects of a type grew most in number:");
            Header();
            foreach (var type in a.ByType.Keys.Union(b.ByType.Keys).OrderByDescending(k => b.ByType.GetValueOrDefault(k).Count - a.ByType.GetValueOrDefault(k).Count).Take(top))
            {
                Row(a, b, type);
            }
        }
        return 0;
    }

    private static void Header()
    {
        Console.WriteLine("| type | retained MiB (A) | own MiB (A) | objects (A) | retained MiB (B) | own MiB (B) | objects (B) | change retained MiB | change objects |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    }

    private static void Row(Result a, Result b, string type)
    {
        var x = a.ByType.GetValueOrDefault(type);
        var y = b.ByType.GetValueOrDefault(type);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| `{type}` | {x.Retained / 1048576.0:N1} | {a.OwnBytes.GetValueOrDefault(type) / 1048576.0:N1} | {x.Count:N0} | {y.Retained / 1048576.0:N1} | {b.OwnBytes.GetValueOrDefault(type) / 1048576.0:N1} | {y.Count:N0} | {(y.Retained - x.Retained) / 1048576.0:+0.0;-0.0;0.0} | {y.Count - x.Count:+#,0;-#,0;0} |"));
    }

    private sealed record Result(long Objects, long TotalBytes, Dictionary<string, (long Retained, long Count)> ByType, Dictionary<string, long> OwnBytes,
        List<(string Type, long Retained, long Self)> TopObjects);

    /// <summary>For each unnamed type of <paramref name="graph"/>, the name most of its objects' namesakes in
    /// <paramref name="other"/> have (an object at the same address with the same size), if at least 90 % agree.</summary>
    private static Dictionary<string, string> NamesFrom(MemoryGraph graph, MemoryGraph other, string label)
    {
        var node = graph.AllocNodeStorage();
        var otherNode = other.AllocNodeStorage();
        var typeStorage = graph.AllocTypeNodeStorage();
        var otherTypeStorage = other.AllocTypeNodeStorage();
        var votes = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        // The graph's own address lookup is not there once read back from a file: a map of the other's addresses.
        var otherAt = new Dictionary<ulong, int>((int)other.NodeIndexLimit);
        for (var j = 0; j < (int)other.NodeIndexLimit; j++)
        {
            var at = other.GetAddress((NodeIndex)j);
            if (at != 0)
            {
                otherAt[at] = j;
            }
        }
        long unnamedBytes = 0, unnamedObjects = 0;
        for (var i = 0; i < (int)graph.NodeIndexLimit; i++)
        {
            var n = graph.GetNode((NodeIndex)i, node);
            var name = Unbucketed(graph.GetType(n.TypeIndex, typeStorage).Name);
            if (!name.StartsWith("UNKNOWN ", StringComparison.Ordinal))
            {
                continue;
            }
            unnamedBytes += n.Size;
            unnamedObjects++;
            var address = graph.GetAddress((NodeIndex)i);
            if (address == 0 || !otherAt.TryGetValue(address, out var j))
            {
                continue;
            }
            var o = other.GetNode((NodeIndex)j, otherNode);
            var otherName = Unbucketed(other.GetType(o.TypeIndex, otherTypeStorage).Name);
            if (o.Size != n.Size || otherName.StartsWith("UNKNOWN ", StringComparison.Ordinal) || otherName.StartsWith('['))
            {
                continue;
            }
            if (!votes.TryGetValue(name, out var forType))
            {
                votes[name] = forType = new Dictionary<string, long>(StringComparer.Ordinal);
            }
            forType[otherName] = forType.GetValueOrDefault(otherName) + 1;
        }
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (unnamed, forType) in votes)
        {
            var best = forType.MaxBy(v => v.Value);
            if (best.Value >= 0.9 * forType.Values.Sum())
            {
                names[unnamed] = best.Key;
            }
        }
        if (unnamedObjects > 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {unnamedObjects:N0} objects ({unnamedBytes / 1048576.0:N1} MiB) of unnamed types; {names.Count:N0} of {votes.Count:N0} such types with an object at an unmoved address named from the other snapshot"));
        }
        return names;
    }

    private static Result Analyse(string file, MemoryGraph graph, Dictionary<string, string> names)
    {
        var limit = (int)graph.NodeIndexLimit;
        var root = (int)graph.RootIndex;
        var node = graph.AllocNodeStorage();
        var typeStorage = graph.AllocTypeNodeStorage();

        // Children as arrays, then a postorder by a depth-first walk from the root (objects not reached are left out).
        var childStart = new long[limit + 1];
        var children = new List<int>(limit * 2);
        var size = new int[limit];
        var typeOf = new int[limit];
        for (var i = 0; i < limit; i++)
        {
            childStart[i] = children.Count;
            var n = graph.GetNode((NodeIndex)i, node);
            size[i] = n.Size;
            typeOf[i] = (int)n.TypeIndex;
            for (var c = n.GetFirstChildIndex(); c != NodeIndex.Invalid; c = n.GetNextChildIndex())
            {
                children.Add((int)c);
            }
        }
        childStart[limit] = children.Count;
        var order = new int[limit];
        Array.Fill(order, -1);
        var post = new List<int>();
        var visited = new bool[limit];
        var stack = new Stack<(int Node, long Next)>();
        stack.Push((root, childStart[root]));
        visited[root] = true;
        while (stack.Count > 0)
        {
            var (v, next) = stack.Pop();
            if (next < childStart[v + 1])
            {
                stack.Push((v, next + 1));
                var c = children[(int)next];
                if (!visited[c])
                {
                    visited[c] = true;
                    stack.Push((c, childStart[c]));
                }
            }
            else
            {
                order[v] = post.Count;
                post.Add(v);
            }
        }

        // Predecessors of the reached objects.
        var predStart = new long[limit + 1];
        for (var v = 0; v < limit; v++)
        {
            if (order[v] >= 0)
            {
                for (var e = childStart[v]; e < childStart[v + 1]; e++)
                {
                    predStart[children[(int)e] + 1]++;
                }
            }
        }
        for (var v = 0; v < limit; v++)
        {
            predStart[v + 1] += predStart[v];
        }
        var preds = new int[predStart[limit]];
        var fill = new long[limit];
        for (var v = 0; v < limit; v++)
        {
            if (order[v] >= 0)
            {
                for (var e = childStart[v]; e < childStart[v + 1]; e++)
                {
                    var c = children[(int)e];
                    preds[predStart[c] + fill[c]++] = v;
                }
            }
        }

        // Immediate dominators, by postorder number (a dominator's number is higher than those it dominates).
        var count = post.Count;
        var idom = new int[count];
        Array.Fill(idom, -1);
        var rootNo = order[root];
        idom[rootNo] = rootNo;
        var changed = true;
        var passes = 0;
        while (changed)
        {
            changed = false;
            passes++;
            for (var k = count - 1; k >= 0; k--)
            {
                if (k == rootNo)
                {
                    continue;
                }
                var v = post[k];
                var newIdom = -1;
                for (var e = predStart[v]; e < predStart[v + 1]; e++)
                {
                    var p = order[preds[e]];
                    if (p < 0 || idom[p] < 0)
                    {
                        continue;
                    }
                    if (newIdom < 0)
                    {
                        newIdom = p;
                        continue;
                    }
                    var f1 = p;
                    var f2 = newIdom;
                    while (f1 != f2)
                    {
                        while (f1 < f2)
                        {
                            f1 = idom[f1];
                        }
                        while (f2 < f1)
                        {
                            f2 = idom[f2];
                        }
                    }
                    newIdom = f1;
                }
                if (newIdom >= 0 && idom[k] != newIdom)
                {
                    idom[k] = newIdom;
                    changed = true;
                }
            }
        }

        // Retained sizes: each object's own bytes added up into its dominators, lowest numbers first.
        var retained = new long[count];
        long total = 0;
        for (var k = 0; k < count; k++)
        {
            retained[k] += size[post[k]];
            total += size[post[k]];
            if (k != rootNo)
            {
                retained[idom[k]] += retained[k];
            }
        }

        // By type: down the dominator tree from the root, counting an object's retained size for its type only if no
        // object above it in the tree is of the same type.
        var domStart = new int[count + 1];
        for (var k = 0; k < count; k++)
        {
            if (k != rootNo)
            {
                domStart[idom[k] + 1]++;
            }
        }
        for (var k = 0; k < count; k++)
        {
            domStart[k + 1] += domStart[k];
        }
        var domChildren = new int[count];
        var domFill = new int[count];
        for (var k = 0; k < count; k++)
        {
            if (k != rootNo)
            {
                domChildren[domStart[idom[k]] + domFill[idom[k]]++] = k;
            }
        }
        var typeNames = new string[(int)graph.NodeTypeIndexLimit];
        for (var t = 0; t < typeNames.Length; t++)
        {
            var name = Unbucketed(graph.GetType((NodeTypeIndex)t, typeStorage).Name);
            typeNames[t] = names.GetValueOrDefault(name, name);
        }
        var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
        var byType = new Dictionary<string, (long Retained, long Count)>(StringComparer.Ordinal);
        var walk = new Stack<(int K, int Next)>();
        walk.Push((rootNo, domStart[rootNo]));
        while (walk.Count > 0)
        {
            var (k, next) = walk.Pop();
            var name = typeNames[typeOf[post[k]]];
            if (next == domStart[k] && k != rootNo)
            {
                // Entering k.
                var above = onPath.GetValueOrDefault(name);
                var had = byType.GetValueOrDefault(name);
                byType[name] = (had.Retained + (above == 0 ? retained[k] : 0), had.Count + 1);
                onPath[name] = above + 1;
            }
            if (next < domStart[k + 1])
            {
                walk.Push((k, next + 1));
                walk.Push((domChildren[next], domStart[domChildren[next]]));
            }
            else if (k != rootNo)
            {
                onPath[name]--;
            }
        }
        var topObjects = Enumerable.Range(0, count).Where(k => k != rootNo).OrderByDescending(k => retained[k]).Take(50)
            .Select(k => (typeNames[typeOf[post[k]]], retained[k], (long)size[post[k]])).ToList();
        Console.Error.WriteLine($"{Path.GetFileName(file)}: {limit:N0} nodes, {count:N0} reached from the roots, dominators in {passes} passes");
        var ownBytes = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var k = 0; k < count; k++)
        {
            var name = typeNames[typeOf[post[k]]];
            ownBytes[name] = ownBytes.GetValueOrDefault(name) + size[post[k]];
        }
        return new Result(count, total, byType, ownBytes, topObjects);
    }

    /// <summary>The type without the size bucket dotnet-gcdump gives large arrays and strings ("System.Byte[] (Bytes > 10K)").</summary>
    private static string Unbucketed(string name)
    {
        var at = name.IndexOf(" (Bytes > ", StringComparison.Ordinal);
        return at < 0 ? name : name[..at];
    }
}
