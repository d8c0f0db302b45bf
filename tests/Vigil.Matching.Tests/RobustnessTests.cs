namespace Vigil.Matching.Tests;

/// <summary>Bad input of every kind gives a comparison or a clear error, never an unexpected exception.</summary>
public sealed class RobustnessTests
{
    /// <summary>Strings from several scripts, symbols, controls and lone surrogates; sometimes 10,000 characters long.</summary>
    private static readonly Gen<string?> AnyText = Gen.Frequency(
        (6, Gen.String[Gen.OneOf(Gen.Char['a', 'z'], Gen.Char['A', 'Z'], Gen.Char[' ', '@'], Gen.Char['\u00C0', '\u024F'], Gen.Char['\u0400', '\u04FF'], Gen.Char['\u0600', '\u06FF'], Gen.Char['\u4E00', '\u4FFF'], Gen.Char['\uD800', '\uDFFF'], Gen.Char['\0', '\u001F']), 0, 30].Select(s => (string?)s)),
        (1, Gen.String[Gen.Char, 9_990, 10_010].Select(s => (string?)s)),
        (1, Gen.Const((string?)null)),
        (1, Gen.Const((string?)string.Empty)));

    private static readonly Gen<PartialDate?> AnyDate = Gen.Frequency(
        (4, Gen.Select(Gen.Int[1, 9999], Gen.Int[0, 99], Gen.Int[0, 99]).Select((y, m, d) => (PartialDate?)new PartialDate(y, m, d))),
        (1, Gen.Const((PartialDate?)null)));

    private static readonly Gen<PersonRecord> AnyPerson =
        Gen.Select(AnyText, AnyText, AnyText, AnyText, AnyDate, AnyText, AnyText, AnyText)
            .Select(Gen.Int[0, 1_000_000], (t, id) => new PersonRecord
            {
                Id = "r" + id,
                GivenName = t.Item1,
                Surname = t.Item2,
                MiddleNames = t.Item3,
                FullName = t.Item4,
                DateOfBirth = t.Item5,
                Postcode = t.Item6,
                Address = t.Item7,
                Locality = t.Item8,
                Email = t.Item6 + "@" + t.Item7,
                Phone = t.Item8,
                Gender = t.Item1,
                Identifiers = t.Item2 is null ? [] : [t.Item2, t.Item3 ?? string.Empty],
                BirthPlace = t.Item4,
                Region = t.Item3,
            });

    [Fact]
    public void Dedupe_AnyInput_NeverThrows() =>
        AnyPerson.Array[0, 12].Sample(people =>
        {
            var records = people.Select((p, i) => p with { Id = "r" + i }).ToList();
            var result = new PersonMatcher(new MatchOptions { USampleSize = 2000 }).Dedupe(records, 0.5);
            return result.Clusters.Count == records.Count && result.Pairs.All(p => p.Probability is >= 0.5 and <= 1 && p.Explanation.Fields.Count > 0);
        }, iter: 60);

    [Fact]
    public void Link_AnyInput_NeverThrows() =>
        Gen.Select(AnyPerson.Array[0, 6], AnyPerson.Array[0, 6]).Sample((left, right) =>
        {
            var l = left.Select((p, i) => p with { Id = "l" + i }).ToList();
            var r = right.Select((p, i) => p with { Id = "r" + i }).ToList();
            var result = new PersonMatcher(new MatchOptions { USampleSize = 2000 }).Link(l, r, 0.0);
            return result.Pairs.All(p => double.IsFinite(p.MatchWeight) || p.Probability is 0 or 1);
        }, iter: 60);

    [Fact]
    public void Index_AnyInput_NeverThrows() =>
        AnyPerson.Array[1, 20].Sample(people =>
        {
            using var index = new PersonIndex();
            foreach (var p in people.Select((p, i) => p with { Id = "r" + i }))
            {
                index.Add(p);
            }

            foreach (var p in people)
            {
                _ = index.Query(p with { Id = "query" }, threshold: 0);
            }

            foreach (var p in people.Select((p, i) => p with { Id = "r" + i }).Take(5))
            {
                index.Update(p with { Surname = "changed" });
                index.Remove(p.Id);
            }

            return index.Count == Math.Max(0, people.Length - 5);
        }, iter: 60);

    [Fact]
    public void Compare_AnyTwoValues_NeverThrows() =>
        Gen.Select(AnyText, AnyText).Sample((a, b) =>
        {
            foreach (var field in Enum.GetValues<PersonField>())
            {
                var x = Value(field, a);
                var y = Value(field, b);
                if (x is not null && y is not null && Comparisons.Compare(field, x, y) > 5)
                {
                    return false;
                }
            }

            return true;
        }, iter: 400);

    [Fact]
    public void Csv_AnyText_ReadsOrNamesTheLine() =>
        Gen.String[Gen.OneOf(Gen.Char['a', 'c'], Gen.Const(','), Gen.Const('"'), Gen.Const('\n'), Gen.Const('\r'), Gen.Const(' ')), 0, 80].Sample(body =>
        {
            try
            {
                new PersonCsvReader().Read(new StringReader("id,given_name,surname\n" + body), "x.csv");
                return true;
            }
            catch (PersonFileException e)
            {
                return e.Message.StartsWith("x.csv, line ", StringComparison.Ordinal);
            }
        }, iter: 2000);

    private static FieldValue? Value(PersonField field, string? raw)
    {
        var texts = new string[RecordEncoder.FieldCount];
        var record = field switch
        {
            PersonField.GivenName => new PersonRecord { Id = "x", GivenName = raw },
            PersonField.MiddleNames => new PersonRecord { Id = "x", MiddleNames = raw },
            PersonField.Surname => new PersonRecord { Id = "x", Surname = raw },
            PersonField.DateOfBirth => new PersonRecord { Id = "x", DateOfBirth = PartialDate.TryParse(raw, out var d) ? d : null },
            PersonField.Gender => new PersonRecord { Id = "x", Gender = raw },
            PersonField.Postcode => new PersonRecord { Id = "x", Postcode = raw },
            PersonField.Address => new PersonRecord { Id = "x", Address = raw },
            PersonField.Locality => new PersonRecord { Id = "x", Locality = raw },
            PersonField.Region => new PersonRecord { Id = "x", Region = raw },
            PersonField.BirthPlace => new PersonRecord { Id = "x", BirthPlace = raw },
            PersonField.Phone => new PersonRecord { Id = "x", Phone = raw },
            PersonField.Email => new PersonRecord { Id = "x", Email = raw },
            _ => new PersonRecord { Id = "x", Identifiers = raw is null ? [] : [raw] },
        };
        RecordEncoder.Normalise(record, texts);
        var text = texts[(int)field];
        return text.Length == 0 ? null : RecordEncoder.Create(field, text, RecordEncoder.KeyOf(field, text));
    }
}
