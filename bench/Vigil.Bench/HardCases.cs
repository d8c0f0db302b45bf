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

    // Names written in Arabic script beside their usual Latin spellings: the bench writes the incoming record in
    // Arabic, the known one in Latin (the engine reads Arabic through its own characters table, not this list).
    private static readonly (string Latin, string Arabic)[] ArabicGiven =
    [
        ("Muhammad", "محمد"), ("Ahmed", "أحمد"), ("Ali", "علي"), ("Omar", "عمر"), ("Yusuf", "يوسف"), ("Ibrahim", "إبراهيم"),
        ("Hassan", "حسن"), ("Hussein", "حسين"), ("Khalid", "خالد"), ("Mahmoud", "محمود"), ("Tariq", "طارق"), ("Bilal", "بلال"),
        ("Karim", "كريم"), ("Samir", "سمير"), ("Nabil", "نبيل"), ("Walid", "وليد"), ("Abdullah", "عبد الله"), ("Hamza", "حمزة"),
        ("Fatima", "فاطمة"), ("Aisha", "عائشة"), ("Maryam", "مريم"), ("Zainab", "زينب"), ("Layla", "ليلى"), ("Nour", "نور"),
        ("Salma", "سلمى"), ("Amina", "أمينة"), ("Huda", "هدى"), ("Rania", "رانيا"), ("Samira", "سميرة"), ("Yasmin", "ياسمين"),
    ];

    private static readonly (string Latin, string Arabic)[] ArabicSurnames =
    [
        ("Khan", "خان"), ("Rahman", "رحمن"), ("Haddad", "حداد"), ("Mansour", "منصور"), ("Nasser", "ناصر"), ("Saleh", "صالح"),
        ("Hamdan", "حمدان"), ("Qureshi", "قريشي"), ("Sheikh", "شيخ"), ("Hussain", "حسين"), ("Abbas", "عباس"), ("Darwish", "درويش"),
        ("Al-Sayed", "السيد"), ("Al-Rashid", "الرشيد"), ("El-Masri", "المصري"), ("Al-Amin", "الأمين"), ("Bin Laden", "بن لادن"),
        ("Khalil", "خليل"), ("Farouk", "فاروق"), ("Jaber", "جابر"), ("Suleiman", "سليمان"), ("Osman", "عثمان"), ("Yassin", "ياسين"),
    ];

    public static int Run(string[] args)
    {
        var known = Option(args, "--known", 200_000);
        var perClass = Option(args, "--per-class", 500);
        var seed = Option(args, "--seed", 13);
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();

        var town = Households(known, random);
        var people = town.People;
        var byId = people.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var held = new HashSet<string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var incoming = new List<Incoming>();
        var extra = new List<PersonRecord>();
        var next = 10_000_000;
        string NewId() => "P" + (next++).ToString("D8", CultureInfo.InvariantCulture);

        // A known person no other class has taken (each incoming record has one person behind it).
        PersonRecord Pick()
        {
            while (true)
            {
                var p = people[random.Next(people.Count)];
                if (used.Add(p.Id))
                {
                    return p;
                }
            }
        }

        // The same person as an intelligence report often has them: name, birth date, postcode and town, and the
        // small slips of a second clerk (no phone, e-mail, identifier or street to carry the link).
        PersonRecord Sparse(PersonRecord p, string id) => p with { Id = id, Phone = null, Email = null, Identifiers = [], Address = null };

        // A pair of relatives in one household: half the time the incoming record is one of them while both are
        // known (one true link, and the other must not be linked), half the time the incoming record is a relative
        // who is not known at all while the other is (no true link).
        void Relatives(string name, List<(string A, string B)> pairs, string prefix)
        {
            var taken = 0;
            foreach (var (a, b) in pairs.OrderBy(_ => random.Next()))
            {
                if (taken == perClass)
                {
                    break;
                }

                if (!used.Add(a) || !used.Add(b))
                {
                    continue;
                }

                var (one, other) = random.Next(2) == 0 ? (a, b) : (b, a);
                var person = people[byId[one]];
                if (taken % 2 == 0)
                {
                    incoming.Add(new(Sparse(person, prefix + taken), name, one));
                }
                else
                {
                    held.Add(one);
                    incoming.Add(new(Sparse(person, prefix + taken), name, null));
                }

                taken++;
            }

            if (taken < perClass)
            {
                throw new InvalidOperationException($"Only {taken} {name} in a population of {known}; ask for fewer --per-class or more --known.");
            }
        }

        Relatives("twins", town.Twins, "T");
        Relatives("parent and child", town.Juniors, "C");

        for (var i = 0; i < perClass; i++)
        {
            // Namesakes: the same given name and surname, born 3 to 8 years apart, living elsewhere, with their
            // own middle names, sex and everything else.
            var c = Pick();
            var elsewhere = people[random.Next(people.Count)];
            var own = Synthetic.People(3_000_000 + i, 1).First();
            var namesake = own with
            {
                Id = NewId(),
                GivenName = c.GivenName,
                Surname = c.Surname,
                Gender = c.Gender,
                MiddleNames = random.Next(3) == 0 ? own.MiddleNames : null,
                DateOfBirth = Born(c.DateOfBirth, (random.Next(2) == 0 ? -1 : 1) * random.Next(3, 9), random),
                Postcode = elsewhere.Postcode,
                Address = elsewhere.Address,
                Locality = elsewhere.Locality,
            };
            if (i % 2 == 0)
            {
                extra.Add(namesake);
                incoming.Add(new(Sparse(c, "N" + i), "namesakes", c.Id));
            }
            else
            {
                incoming.Add(new(Sparse(namesake, "N" + i), "namesakes", null));
            }

            // Name only: a known person with a namesake known too, recorded with only their name and sex: no one
            // can say which of them it is, so the right answer is no link ("several possible matches").
            var f = Pick();
            extra.Add(namesake with { Id = NewId(), GivenName = f.GivenName, Surname = f.Surname, Gender = f.Gender, DateOfBirth = Born(f.DateOfBirth, -random.Next(3, 15), random) });
            incoming.Add(new(f with { Id = "M" + i, DateOfBirth = null, Postcode = null, Address = null, Locality = null, MiddleNames = null, Phone = null, Email = null, Identifiers = [] },
                "name only", null));

            // The same person written in other ways.
            var h = Pick();
            incoming.Add(new(Sparse(h, "S" + i) with { GivenName = Cyrillic(h.GivenName), Surname = Cyrillic(h.Surname), MiddleNames = null }, "Cyrillic script", h.Id));

            var a = Pick();
            var (givenLatin, givenArabic) = ArabicGiven[random.Next(ArabicGiven.Length)];
            var (surnameLatin, surnameArabic) = ArabicSurnames[random.Next(ArabicSurnames.Length)];
            var renamed = a with { GivenName = givenLatin, Surname = surnameLatin, MiddleNames = null };
            people[byId[a.Id]] = renamed;
            incoming.Add(new(Sparse(renamed, "A" + i) with { GivenName = givenArabic, Surname = surnameArabic }, "Arabic script", a.Id));

            var j = Pick();
            incoming.Add(new(Sparse(j, "R" + i) with { GivenName = (j.Gender == "F" ? "Mrs " : "Dr ") + j.GivenName }, "titles", j.Id));

            var k = Pick();
            var barrel = Synthetic.People(2_000_000 + i, 1).First().Surname!;
            people[byId[k.Id]] = k with { Surname = k.Surname + "-" + barrel };
            incoming.Add(new(Sparse(k, "B" + i) with { Surname = random.Next(2) == 0 ? k.Surname : barrel }, "double-barrelled", k.Id));

            var l = Pick();
            incoming.Add(new(Sparse(l, "Y" + i) with { DateOfBirth = l.DateOfBirth is { } y ? new PartialDate(y.Year, 0, 0) : null }, "year-only birth date", l.Id));

            var m = Pick();
            incoming.Add(new(Sparse(m, "I" + i) with { GivenName = m.GivenName![..1], MiddleNames = null }, "initial", m.Id));

            var w = Pick();
            var whole = random.Next(2) == 0 ? $"{w.GivenName} {w.MiddleNames} {w.Surname}" : $"{w.Surname?.ToUpperInvariant()}, {w.GivenName}";
            incoming.Add(new(Sparse(w, "W" + i) with { GivenName = null, MiddleNames = null, Surname = null, FullName = whole }, "whole name in one field", w.Id));

            // And plain corrupted copies, as the public sets have them.
            var n = Pick();
            incoming.Add(new(Synthetic.Corrupt(n, random, "O" + i), "ordinary copies", n.Id));
        }

        people.RemoveAll(p => held.Contains(p.Id));
        people.AddRange(extra);
        if (args.Contains("--no-identifiers"))
        {
            // Files with no personal identifier or e-mail address at all, as many are.
            people = [.. people.Select(p => p with { Identifiers = [], Email = null })];
            incoming = [.. incoming.Select(x => x with { Record = x.Record with { Identifiers = [], Email = null } })];
        }

        var made = clock.Elapsed.TotalSeconds;
        var left = incoming.Select(x => x.Record).ToList();
        var result = new PersonMatcher().Link(left, people, threshold: 0.5);
        var linking = clock.Elapsed.TotalSeconds - made;
        if (args.Contains("--model"))
        {
            File.WriteAllText("hard-model.json", result.Model.ToJson());
        }

        var truth = incoming.ToDictionary(x => x.Record.Id);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hard cases: {people.Count:N0} known ({town.Households:N0} households, {town.Twins.Count:N0} twin pairs, {town.Juniors.Count:N0} parents and children of one name), {incoming.Count:N0} incoming ({perClass} a class), seed {seed}; made in {made:0.0} s, linked in {linking:0.0} s, {result.Pairs.Count:N0} links"));
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
            var precision = r.Links == 0 ? 1 : (double)r.Right / r.Links;
            var recall = r.True == 0 ? 1 : (double)r.Right / r.True;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Class} | {r.Count:N0} | {r.True:N0} | {r.Links:N0} | {r.Right:N0} | {precision:0.000} | {recall:0.000} | {f1:0.000} |"));
        }

        if (args.Contains("--show-wrong"))
        {
            foreach (var p in result.Pairs.Where(p => truth[p.LeftId].TrueId != p.RightId).Take(Option(args, "--show-wrong", 10)))
            {
                Console.WriteLine($"wrong: {truth[p.LeftId].Class}: {Describe(p.Left)} -> {Describe(p.Right)} p={p.Probability:0.000}: {Vigil.Matching.Io.MatchCsvWriter.Describe(p.Explanation)}");
            }
        }

        return 0;
    }

    private static string Describe(PersonRecord r) =>
        $"[{r.GivenName} {r.MiddleNames} {r.Surname} {r.FullName} {r.DateOfBirth} {r.Gender} {r.Postcode} {r.Locality}]";

    private sealed record Town(List<PersonRecord> People, int Households, List<(string A, string B)> Twins, List<(string A, string B)> Juniors);

    /// <summary>
    /// The known population in households, as a real one lives: one to six people at one address, most sharing
    /// the surname; a partner born near the first person; children born 18 to 42 years after them, a few of them
    /// twins (same birth date) and a few sons given their father's name. Names stay drawn independently of
    /// everything else (a child's given name is its own draw, unless it is its father's).
    /// </summary>
    private static Town Households(int count, Random random)
    {
        var drawn = Synthetic.People(0, count).ToList();
        var people = new List<PersonRecord>(count);
        var twins = new List<(string, string)>();
        var juniors = new List<(string, string)>();
        var households = 0;
        for (var i = 0; i < drawn.Count;)
        {
            var size = Math.Min(drawn.Count - i, random.NextDouble() switch { < 0.30 => 1, < 0.63 => 2, < 0.79 => 3, < 0.92 => 4, < 0.98 => 5, _ => 6 });
            var head = drawn[i];
            households++;
            people.Add(head);
            PersonRecord? previousChild = null;
            for (var m = 1; m < size; m++)
            {
                var own = drawn[i + m];
                var member = own with
                {
                    Surname = random.NextDouble() < 0.85 ? head.Surname : own.Surname,
                    Postcode = head.Postcode,
                    Address = head.Address,
                    Locality = head.Locality,
                    Phone = random.NextDouble() < 0.2 ? head.Phone : own.Phone,
                };
                if (m == 1 && random.NextDouble() < 0.8)
                {
                    member = member with { DateOfBirth = Born(head.DateOfBirth, random.Next(-6, 7), random) };
                }
                else
                {
                    if (previousChild is not null && random.NextDouble() < 0.04)
                    {
                        member = member with { DateOfBirth = previousChild.DateOfBirth, Surname = previousChild.Surname };
                        twins.Add((previousChild.Id, member.Id));
                    }
                    else
                    {
                        member = member with { DateOfBirth = Born(head.DateOfBirth, random.Next(18, 43), random) };
                        if (head.Gender == "M" && member.Gender == "M" && random.NextDouble() < 0.06)
                        {
                            member = member with { GivenName = head.GivenName, Surname = head.Surname };
                            juniors.Add((head.Id, member.Id));
                        }
                    }

                    previousChild = member;
                }

                people.Add(member);
            }

            i += size;
        }

        return new Town(people, households, twins, juniors);
    }

    /// <summary>A birth date of its own, some years after <paramref name="date"/> (before it when that would be in the future).</summary>
    private static PartialDate? Born(PartialDate? date, int years, Random random)
    {
        if (date is not { } d)
        {
            return null;
        }

        var year = d.Year + years > 2024 ? d.Year - years : d.Year + years;
        return PartialDate.FromDate(new DateOnly(year, 1, 1).AddDays(random.Next(365)));
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
