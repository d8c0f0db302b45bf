using System.Diagnostics;
using System.Globalization;
using Vigil.Matching;

namespace Vigil.Bench;

/// <summary>
/// The cases officers meet that the public sets hardly hold (issue 13): a national file of known people with
/// the relatives and namesakes a real population has, and incoming records in classes, each either the same
/// person as one known (a true link) or a different person who shares much with one (no link). Linked with
/// the engine as `match link` would (trained on the two files, no labels), and scored per class: precision,
/// recall and F1 of the links at the threshold. Deterministic for a seed.
/// `dotnet run -c Release --project bench/Vigil.Bench -- hard [--known 200000] [--per-class 500] [--seed 13]`
/// </summary>
internal static class HardCases
{
    private sealed record Incoming(PersonRecord Record, string Class, string? TrueId);

    private sealed record ClassRow(string Class, int Count, int True, int Links, int Right);

    // Latin to Cyrillic, enough to write the generated names as a Russian clerk would (the reverse of the
    // usual transliteration; the engine is measured on reading them back).
    private static readonly (string Latin, string Cyrillic)[] ToCyrillic =
    [
        ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("yu", "ю"), ("ya", "я"),
        ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("y", "й"),
        ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
        ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "к"), ("w", "в"), ("x", "кс"), ("q", "к"), ("j", "дж"),
    ];

    public static int Run(string[] args)
    {
        var known = Option(args, "--known", 200_000);
        var perClass = Option(args, "--per-class", 500);
        var seed = Option(args, "--seed", 13);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();

        var people = Synthetic.People(0, known).ToList();
        var incoming = new List<Incoming>();
        var extra = new List<PersonRecord>();
        var next = known;
        PersonRecord Pick() => people[random.Next(people.Count)];
        string NewId() => "P" + (next++).ToString("D7", CultureInfo.InvariantCulture);
        PersonRecord Relative(PersonRecord p, string given, PartialDate? born) => p with
        {
            Id = NewId(),
            GivenName = given,
            MiddleNames = null,
            DateOfBirth = born,
            Phone = null,
            Email = null,
            Identifiers = [],
        };

        for (var i = 0; i < perClass; i++)
        {
            // Twins: the known person's twin (same surname, birth date, address; another given name) is not them.
            var a = Pick();
            var twinName = Synthetic.People(known + 1_000_000 + i, 1).First().GivenName!;
            incoming.Add(new(Relative(a, twinName, a.DateOfBirth) with { Id = "T" + i }, "twins", null));

            // Parent and child: the same name at the same address, born 25 to 40 years apart.
            var b = Pick();
            var gap = random.Next(25, 41);
            PartialDate? childBorn = b.DateOfBirth is { } d ? d with { Year = d.Year + gap } : null;
            incoming.Add(new(Relative(b, b.GivenName!, childBorn) with { Id = "C" + i, MiddleNames = b.MiddleNames }, "parent and child", null));

            // Namesakes: the same name, born 3 to 8 years apart, elsewhere.
            var c = Pick();
            var other = Pick();
            PartialDate? namesakeBorn = c.DateOfBirth is { } e ? e with { Year = e.Year + ((random.Next(2) == 0 ? -1 : 1) * random.Next(3, 9)) } : null;
            incoming.Add(new(c with
            {
                Id = "N" + i,
                DateOfBirth = namesakeBorn,
                Postcode = other.Postcode,
                Address = other.Address,
                Locality = other.Locality,
                Phone = null,
                Email = null,
                Identifiers = [],
            }, "namesakes", null));

            // Missing fields: a known person with a namesake known too, recorded with only their name and sex.
            var f = Pick();
            extra.Add(Relative(f, f.GivenName!, f.DateOfBirth is { } g ? g with { Year = g.Year - random.Next(3, 15) } : (PartialDate?)null) with
            {
                Postcode = other.Postcode,
                Address = other.Address,
                Locality = other.Locality,
            });
            incoming.Add(new(f with { Id = "M" + i, DateOfBirth = null, Postcode = null, Address = null, Locality = null, Phone = null, Email = null, Identifiers = [] },
                "name only", f.Id));

            // The same person, written in other ways, with no more than an intelligence report often has: the name,
            // the birth date and a postcode (no phone, e-mail, identifier or street address to carry the link).
            PersonRecord Sparse(PersonRecord p) => p with { Phone = null, Email = null, Identifiers = [], Address = null };
            var h = Sparse(Pick());
            incoming.Add(new(h with { Id = "S" + i, GivenName = Cyrillic(h.GivenName), Surname = Cyrillic(h.Surname), MiddleNames = null }, "native script", h.Id));
            var j = Sparse(Pick());
            incoming.Add(new(j with { Id = "R" + i, GivenName = (j.Gender == "F" ? "Mrs " : "Mr ") + j.GivenName }, "titles", j.Id));
            var k = Pick();
            var barrel = Synthetic.People(known + 2_000_000 + i, 1).First().Surname!;
            people[people.IndexOf(k)] = k with { Surname = k.Surname + "-" + barrel };
            incoming.Add(new(Sparse(k) with { Id = "B" + i, Surname = random.Next(2) == 0 ? k.Surname : barrel }, "double-barrelled", k.Id));
            var l = Sparse(Pick());
            incoming.Add(new(l with { Id = "Y" + i, DateOfBirth = l.DateOfBirth is { } y ? new PartialDate(y.Year, 0, 0) : null }, "year-only birth date", l.Id));
            var m = Sparse(Pick());
            incoming.Add(new(m with { Id = "I" + i, GivenName = m.GivenName![..1], MiddleNames = null }, "initial", m.Id));

            // And plain corrupted copies, as the public sets have them.
            var n = Pick();
            incoming.Add(new(Synthetic.Corrupt(n, random, "O" + i), "ordinary copies", n.Id));
        }

        people.AddRange(extra);
        var made = clock.Elapsed.TotalSeconds;
        var result = new PersonMatcher().Link(incoming.Select(x => x.Record).ToList(), people, threshold: 0.5);
        var linking = clock.Elapsed.TotalSeconds - made;

        var truth = incoming.ToDictionary(x => x.Record.Id);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hard cases: {people.Count:N0} known, {incoming.Count:N0} incoming ({perClass} a class), seed {seed}; made in {made:0.0} s, linked in {linking:0.0} s, {result.Pairs.Count:N0} links"));
        Console.WriteLine();
        Console.WriteLine("| class | incoming | true links | links made | right | precision | recall | F1 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var rows = incoming.GroupBy(x => x.Class).Select(g =>
        {
            var ids = g.Select(x => x.Record.Id).ToHashSet();
            var links = result.Pairs.Where(p => ids.Contains(p.LeftId)).ToList();
            var right = links.Count(p => truth[p.LeftId].TrueId == p.RightId);
            return new ClassRow(g.Key, g.Count(), g.Count(x => x.TrueId is not null), links.Count, right);
        }).ToList();
        foreach (var r in rows.Append(new ClassRow("overall", rows.Sum(r => r.Count), rows.Sum(r => r.True), rows.Sum(r => r.Links), rows.Sum(r => r.Right))))
        {
            var precision = r.Links == 0 ? (r.True == 0 ? 1 : 0) : (double)r.Right / r.Links;
            var recall = r.True == 0 ? 1 : (double)r.Right / r.True;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Class} | {r.Count:N0} | {r.True:N0} | {r.Links:N0} | {r.Right:N0} | {precision:0.000} | {recall:0.000} | {f1:0.000} |"));
        }
        return 0;
    }

    /// <summary>A Latin name as a Cyrillic clerk would write it (lower-cased, then the first letter capitalised).</summary>
    private static string? Cyrillic(string? latin)
    {
        if (string.IsNullOrEmpty(latin))
        {
            return latin;
        }
        var text = latin.ToLowerInvariant();
        var output = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length;)
        {
            var hit = Array.Find(ToCyrillic, t => string.CompareOrdinal(text, i, t.Latin, 0, t.Latin.Length) == 0);
            if (hit.Latin is null)
            {
                output.Append(text[i]);
                i++;
                continue;
            }
            output.Append(hit.Cyrillic);
            i += hit.Latin.Length;
        }
        return output.Length == 0 ? output.ToString() : char.ToUpperInvariant(output[0]) + output.ToString(1, output.Length - 1);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
