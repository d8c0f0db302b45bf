using System.Globalization;
using Vigil.Matching.Text;

namespace Vigil.Matching.Engine;

/// <summary>Normalises a <see cref="PersonRecord"/> field by field and points it at shared values.</summary>
internal static class RecordEncoder
{
    public const int FieldCount = 13;

    /// <summary>The normalised text of each field (empty when missing), indexed by <see cref="PersonField"/>.</summary>
    public static void Normalise(PersonRecord record, Span<string> texts)
    {
        var given = TextNormaliser.NormaliseName(record.GivenName, stripPrefixes: true, stripSuffixes: false);
        var middle = TextNormaliser.NormaliseName(record.MiddleNames, stripPrefixes: false, stripSuffixes: false);
        var surname = TextNormaliser.NormaliseName(record.Surname, stripPrefixes: false, stripSuffixes: true);
        if (given.Length == 0 && surname.Length == 0 && !string.IsNullOrWhiteSpace(record.FullName))
        {
            (given, middle, surname) = SplitFullName(record.FullName, middle);
        }

        texts[(int)PersonField.GivenName] = given;
        texts[(int)PersonField.MiddleNames] = middle;
        texts[(int)PersonField.Surname] = surname;
        texts[(int)PersonField.DateOfBirth] = record.DateOfBirth is { IsEmpty: false } d
            ? d.Packed.ToString("D8", CultureInfo.InvariantCulture)
            : string.Empty;
        texts[(int)PersonField.Gender] = TextNormaliser.Gender(record.Gender);
        texts[(int)PersonField.Postcode] = TextNormaliser.Compact(record.Postcode, 16);
        texts[(int)PersonField.Address] = Text(record.Address);
        texts[(int)PersonField.Locality] = Text(record.Locality);
        texts[(int)PersonField.Region] = Text(record.Region);
        texts[(int)PersonField.BirthPlace] = Text(record.BirthPlace);
        texts[(int)PersonField.Phone] = TextNormaliser.Digits(record.Phone);
        texts[(int)PersonField.Email] = TextNormaliser.Email(record.Email);
        texts[(int)PersonField.Identifier] = Identifiers(record.Identifiers);
    }

    /// <summary>The key that identifies a value of a field: names without their spaces, others as normalised.</summary>
    public static string KeyOf(PersonField field, string text) =>
        field is PersonField.GivenName or PersonField.Surname or PersonField.MiddleNames && text.Contains(' ', StringComparison.Ordinal)
            ? text.Replace(" ", string.Empty, StringComparison.Ordinal)
            : text;

    /// <summary>Builds the shared value object for a normalised text.</summary>
    public static FieldValue Create(PersonField field, string text, string key)
    {
        switch (field)
        {
            case PersonField.GivenName or PersonField.Surname or PersonField.MiddleNames:
                return new FieldValue(text, key)
                {
                    Secondary = Phonetic.Soundex(key),
                    Groups = ReferenceData.NameVariants.GroupsOf(key),
                    MultiWord = text.Contains(' ', StringComparison.Ordinal),
                    Forms = WithoutParticles(text) is { } bare ? new NameForms(bare, null, null) : null,
                };
            case PersonField.Locality or PersonField.BirthPlace:
                return new FieldValue(text, key) { Secondary = Phonetic.Soundex(key), MultiWord = text.Contains(' ', StringComparison.Ordinal) };
            case PersonField.DateOfBirth:
                return new FieldValue(text, key) { Date = int.Parse(text, CultureInfo.InvariantCulture) };
            case PersonField.Postcode:
                return new FieldValue(text, key) { Secondary = Phonetic.Hash(Comparisons.PostcodeDistrict(text)) | 1 };
            case PersonField.Address:
                return new FieldValue(text, key) { MultiWord = true };
            case PersonField.Email:
                var at = text.IndexOf('@', StringComparison.Ordinal);
                return new FieldValue(text, key) { Secondary = Phonetic.Hash(at > 0 ? text.AsSpan(0, at) : text) | 1 };
            default:
                return new FieldValue(text, key);
        }
    }

    /// <summary>A name's key without its particles (al sayed gives sayed), or null when it has none to drop.</summary>
    private static string? WithoutParticles(string text)
    {
        if (!text.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }

        var words = text.Split(' ');
        var kept = words.Where(w => !ReferenceData.NameParticles.Contains(w)).ToArray();
        return kept.Length == words.Length || kept.Length == 0 ? null : string.Concat(kept);
    }

    /// <summary>A name value first met written in Arabic or Cyrillic script learns how to meet its Latin spellings.</summary>
    public static FieldValue WithScript(FieldValue value, string? raw)
    {
        if (raw is not null && value.Forms is not { Spelling: not null } and not { Loose: not null })
        {
            if (ArabicSpelling.IsArabic(raw))
            {
                value.Forms = new NameForms(value.Forms?.Bare, ArabicSpelling.Pattern(raw), null);
            }
            else if (CyrillicReading.IsCyrillic(raw))
            {
                value.Forms = new NameForms(value.Forms?.Bare, null, CyrillicReading.Loosen(value.Key));
            }
        }

        return value;
    }

    /// <summary>
    /// The value a query compares with: the shared one, or, when the query's name is written in Arabic or
    /// Cyrillic and the shared value has not learned that form, a copy that has (same key, count and keys),
    /// so that a check leaves the index as it found it.
    /// </summary>
    public static FieldValue ForQuery(FieldValue shared, string? raw)
    {
        if (raw is null || (!ArabicSpelling.IsArabic(raw) && !CyrillicReading.IsCyrillic(raw)) || shared.Forms is { Spelling: not null } or { Loose: not null })
        {
            return shared;
        }

        var copy = new FieldValue(shared.Text, shared.Key)
        {
            Secondary = shared.Secondary,
            Groups = shared.Groups,
            MultiWord = shared.MultiWord,
            Date = shared.Date,
            Forms = shared.Forms,
            Count = shared.Count,
        };
        return WithScript(copy, raw);
    }

    /// <summary>The name fields as the record wrote them, for what normalising loses (the script).</summary>
    public static string? Raw(PersonRecord record, PersonField field) => field switch
    {
        PersonField.GivenName => record.GivenName,
        PersonField.MiddleNames => record.MiddleNames,
        PersonField.Surname => record.Surname,
        _ => null,
    };

    private static string Text(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? string.Empty : TextNormaliser.Normalise(raw);

    private static string Identifiers(IReadOnlyList<string>? identifiers)
    {
        if (identifiers is null || identifiers.Count == 0)
        {
            return string.Empty;
        }

        if (identifiers.Count == 1)
        {
            return TextNormaliser.Compact(identifiers[0], 32);
        }

        var set = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < identifiers.Count && set.Count < 8; i++)
        {
            var v = TextNormaliser.Compact(identifiers[i], 32);
            if (v.Length > 0)
            {
                set.Add(v);
            }
        }

        return string.Join(' ', set);
    }

    private static (string Given, string Middle, string Surname) SplitFullName(string fullName, string middle)
    {
        var comma = fullName.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0)
        {
            // "Smith, John Paul": surname first when one word stands before the comma.
            var before = TextNormaliser.NormaliseName(fullName[..comma], stripPrefixes: true, stripSuffixes: false);
            if (before.Length > 0 && !before.Contains(' ', StringComparison.Ordinal))
            {
                var rest = TextNormaliser.NormaliseName(fullName[(comma + 1)..], stripPrefixes: true, stripSuffixes: true);
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                return space < 0 ? (rest, middle, before) : (rest[..space], middle.Length > 0 ? middle : rest[(space + 1)..], before);
            }
        }

        var all = TextNormaliser.NormaliseName(fullName, stripPrefixes: true, stripSuffixes: true);
        var first = all.IndexOf(' ', StringComparison.Ordinal);
        if (first < 0)
        {
            return (all, middle, string.Empty);
        }

        var last = all.LastIndexOf(' ');
        var between = first == last ? string.Empty : all[(first + 1)..last];
        return (all[..first], middle.Length > 0 ? middle : between, all[(last + 1)..]);
    }
}

/// <summary>A population of encoded records: each record is a row of <see cref="RecordEncoder.FieldCount"/> value references.</summary>
internal sealed class Population
{
    private readonly ValueTable[] tables;

    public Population()
    {
        tables = new ValueTable[RecordEncoder.FieldCount];
        for (var f = 0; f < tables.Length; f++)
        {
            tables[f] = new ValueTable((PersonField)f);
        }
    }

    public ValueTable Table(PersonField field) => tables[(int)field];

    /// <summary>Encodes a record into <paramref name="row"/>, adding its values to the tables.</summary>
    public void Add(PersonRecord record, Span<FieldValue?> row)
    {
        Span<string> texts = new string[RecordEncoder.FieldCount];
        RecordEncoder.Normalise(record, texts);
        for (var f = 0; f < RecordEncoder.FieldCount; f++)
        {
            var text = texts[f];
            if (text.Length == 0)
            {
                row[f] = null;
                continue;
            }

            var field = (PersonField)f;
            var key = RecordEncoder.KeyOf(field, text);
            row[f] = RecordEncoder.WithScript(tables[f].Add(key, () => RecordEncoder.Create(field, text, key)), RecordEncoder.Raw(record, field));
        }
    }

    /// <summary>Encodes a record for a query: values found in the tables, others made transient (id 0, count 0).</summary>
    public void Lookup(PersonRecord record, Span<FieldValue?> row)
    {
        Span<string> texts = new string[RecordEncoder.FieldCount];
        RecordEncoder.Normalise(record, texts);
        for (var f = 0; f < RecordEncoder.FieldCount; f++)
        {
            var text = texts[f];
            if (text.Length == 0)
            {
                row[f] = null;
                continue;
            }

            var field = (PersonField)f;
            var key = RecordEncoder.KeyOf(field, text);
            // A query never changes the shared values: a name written in another script gets a copy of its own.
            row[f] = RecordEncoder.ForQuery(tables[f].Find(key) ?? RecordEncoder.Create(field, text, key), RecordEncoder.Raw(record, field));
        }
    }


    /// <summary>Takes a record's values out of the tables' counts.</summary>
    public void Release(ReadOnlySpan<FieldValue?> row)
    {
        for (var f = 0; f < RecordEncoder.FieldCount; f++)
        {
            if (row[f] is { } v)
            {
                tables[f].Release(v);
            }
        }
    }
}
