using Vigil.Matching.Text;

namespace Vigil.Matching.Engine;

/// <summary>What a blocking key is made of.</summary>
internal enum KeyPart
{
    GivenInitial,
    GivenSoundex,
    GivenVariant,
    SurnameInitial,
    SurnameSoundex,
    NamesEitherWay,
    NamePrefixesEitherWay,
    MainNameSoundex,
    BirthDate,
    BirthYear,
    Postcode,
    Locality,
    Identifier,
    Email,
    EmailUser,
    Phone,
    BirthPlace,
}

/// <summary>
/// A blocking rule: records are compared only when they share the rule's key in at least one rule. The
/// rules are chosen so that each rests on different fields, so a true pair survives the corruption or
/// loss of any single field (and of most pairs of fields).
/// </summary>
internal sealed record BlockingRule(string Name, KeyPart[] Parts)
{
    public static readonly BlockingRule[] All =
    [
        new("surname soundex + given initial", [KeyPart.SurnameSoundex, KeyPart.GivenInitial]),
        new("surname soundex + given name variant", [KeyPart.SurnameSoundex, KeyPart.GivenVariant]),
        new("names either way round (soundex)", [KeyPart.NamesEitherWay]),
        new("names either way round (first three letters)", [KeyPart.NamePrefixesEitherWay]),
        new("date of birth", [KeyPart.BirthDate]),
        new("given soundex + birth year", [KeyPart.GivenSoundex, KeyPart.BirthYear]),
        new("surname (or only name) soundex + birth year", [KeyPart.MainNameSoundex, KeyPart.BirthYear]),
        new("postcode + given initial", [KeyPart.Postcode, KeyPart.GivenInitial]),
        new("postcode + surname initial", [KeyPart.Postcode, KeyPart.SurnameInitial]),
        new("locality + given soundex", [KeyPart.Locality, KeyPart.GivenSoundex]),
        new("locality + surname soundex", [KeyPart.Locality, KeyPart.SurnameSoundex]),
        new("postcode + locality", [KeyPart.Postcode, KeyPart.Locality]),
        new("birth place + given soundex", [KeyPart.BirthPlace, KeyPart.GivenSoundex]),
        new("birth place + surname soundex", [KeyPart.BirthPlace, KeyPart.SurnameSoundex]),
        new("identifier", [KeyPart.Identifier]),
        new("email", [KeyPart.Email]),
        new("email user name", [KeyPart.EmailUser]),
        new("phone", [KeyPart.Phone]),
    ];

    public static PersonField FieldOf(KeyPart part) => part switch
    {
        KeyPart.GivenInitial or KeyPart.GivenSoundex or KeyPart.GivenVariant => PersonField.GivenName,
        KeyPart.SurnameInitial or KeyPart.SurnameSoundex or KeyPart.NamesEitherWay or KeyPart.NamePrefixesEitherWay or KeyPart.MainNameSoundex => PersonField.Surname,
        KeyPart.BirthDate or KeyPart.BirthYear => PersonField.DateOfBirth,
        KeyPart.Postcode => PersonField.Postcode,
        KeyPart.Locality => PersonField.Locality,
        KeyPart.Identifier => PersonField.Identifier,
        KeyPart.Email or KeyPart.EmailUser => PersonField.Email,
        KeyPart.BirthPlace => PersonField.BirthPlace,
        KeyPart.Phone => PersonField.Phone,
        _ => throw new ArgumentOutOfRangeException(nameof(part)),
    };

    /// <summary>
    /// Whether the rule's key holds this field's value exactly (postcode, date of birth, a name's
    /// variant group), rather than a coarse key of it (an initial, a Soundex code, a year) that still
    /// lets the field's comparison level vary within a block.
    /// </summary>
    public bool UsesExactly(PersonField field)
    {
        foreach (var part in Parts)
        {
            if (FieldOf(part) == field && part is not (KeyPart.GivenInitial or KeyPart.GivenSoundex or KeyPart.SurnameInitial or KeyPart.SurnameSoundex or KeyPart.NamesEitherWay or KeyPart.NamePrefixesEitherWay or KeyPart.MainNameSoundex or KeyPart.BirthYear or KeyPart.EmailUser))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the rule's key is made of (part of) this field.</summary>
    public bool Uses(PersonField field)
    {
        foreach (var part in Parts)
        {
            if (FieldOf(part) == field || (part is KeyPart.NamesEitherWay or KeyPart.NamePrefixesEitherWay or KeyPart.MainNameSoundex && field == PersonField.GivenName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The rules usable on fields that are present (NamesEitherWay needs given name too).</summary>
    public static BlockingRule[] Usable(Func<PersonField, bool> present)
    {
        var list = new List<BlockingRule>();
        foreach (var rule in All)
        {
            var ok = true;
            foreach (var part in rule.Parts)
            {
                ok &= present(FieldOf(part)) && (part is not (KeyPart.NamesEitherWay or KeyPart.NamePrefixesEitherWay) || present(PersonField.GivenName));
            }

            if (ok)
            {
                list.Add(rule);
            }
        }

        return [.. list];
    }

    /// <summary>The rule's key for a record, or 0 when a part is missing.</summary>
    public ulong Key(ReadOnlySpan<FieldValue?> row)
    {
        ulong key = 0;
        foreach (var part in Parts)
        {
            var v = PartValue(part, row);
            if (v == 0)
            {
                return 0;
            }

            key = key == 0 ? v : Mix(key, v);
        }

        return key;
    }

    private static ulong Mix(ulong a, ulong b)
    {
        var h = (a * 0x9E3779B97F4A7C15UL) ^ (b + 0x632BE59BD9B4E019UL + (a << 6) + (a >> 2));
        h ^= h >> 31;
        return h == 0 ? 1 : h;
    }

    private static ulong PartValue(KeyPart part, ReadOnlySpan<FieldValue?> row)
    {
        var given = row[(int)PersonField.GivenName];
        var surname = row[(int)PersonField.Surname];
        switch (part)
        {
            case KeyPart.GivenInitial:
                return given is null ? 0 : (ulong)given.Key[0];
            case KeyPart.GivenSoundex:
                return given is null ? 0 : (uint)given.Secondary;
            case KeyPart.GivenVariant:
                return given is null ? 0 : given.Groups.Length > 0 ? (1UL << 40) | (uint)given.Groups[0] : Hash(given.Key);
            case KeyPart.SurnameInitial:
                return surname is null ? 0 : (ulong)surname.Key[0];
            case KeyPart.SurnameSoundex:
                return surname is null ? 0 : (uint)surname.Secondary;
            case KeyPart.NamesEitherWay:
                if (given is null || surname is null)
                {
                    return 0;
                }

                var x = (uint)given.Secondary;
                var y = (uint)surname.Secondary;
                return x < y ? ((ulong)x << 32) | y : ((ulong)y << 32) | x;
            case KeyPart.NamePrefixesEitherWay:
                if (given is null || surname is null)
                {
                    return 0;
                }

                var p1 = Prefix(given.Key);
                var p2 = Prefix(surname.Key);
                return p1 < p2 ? (p1 << 24) | p2 : (p2 << 24) | p1;
            case KeyPart.MainNameSoundex:
                var main = surname ?? given;
                return main is null ? 0 : (uint)main.Secondary;
            case KeyPart.BirthDate:
                var d = row[(int)PersonField.DateOfBirth];
                return d is null || d.Date % 100 == 0 || d.Date / 100 % 100 == 0 ? 0 : (uint)d.Date;
            case KeyPart.BirthYear:
                var y2 = row[(int)PersonField.DateOfBirth];
                return y2 is null ? 0 : (uint)(y2.Date / 10000);
            case KeyPart.Postcode:
                return Hash(row[(int)PersonField.Postcode]?.Key);
            case KeyPart.Locality:
                return Hash(row[(int)PersonField.Locality]?.Key);
            case KeyPart.Identifier:
                var id = row[(int)PersonField.Identifier]?.Text;
                if (id is null)
                {
                    return 0;
                }

                var space = id.IndexOf(' ', StringComparison.Ordinal);
                return Hash(space < 0 ? id : id[..space]);
            case KeyPart.Email:
                return Hash(row[(int)PersonField.Email]?.Key);
            case KeyPart.EmailUser:
                var email = row[(int)PersonField.Email];
                return email is null ? 0 : (1UL << 42) | (uint)email.Secondary;
            case KeyPart.BirthPlace:
                return Hash(row[(int)PersonField.BirthPlace]?.Key);
            case KeyPart.Phone:
                var p = row[(int)PersonField.Phone]?.Key;
                return p is null ? 0 : Hash(p.Length > 9 ? p[^9..] : p);
            default:
                return 0;
        }
    }

    /// <summary>The first three characters of a name, packed (8 bits each; other scripts hashed).</summary>
    private static ulong Prefix(string key)
    {
        ulong v = 0;
        for (var i = 0; i < 3; i++)
        {
            v = (v << 8) | (i < key.Length ? (ulong)(key[i] & 0xFF) : 0);
        }

        return v | (1UL << 23);
    }

    private static ulong Hash(string? s) => s is null ? 0 : (1UL << 41) | (uint)Phonetic.Hash(s);
}
