using System.Globalization;
using CsvHelper;

namespace Vigil.Matching.Io;

/// <summary>Records read from a file, with what was not understood.</summary>
/// <param name="Records">The records, in file order.</param>
/// <param name="Warnings">Values that could not be used (an unreadable date...), each naming its line; at most 100.</param>
/// <param name="Columns">How each header column was used: its canonical field, or null when ignored.</param>
public sealed record PersonFile(IReadOnlyList<PersonRecord> Records, IReadOnlyList<string> Warnings, IReadOnlyList<KeyValuePair<string, string?>> Columns);

/// <summary>
/// Reads person records from CSV (RFC 4180; a header row is required). Columns are recognised by their
/// canonical names (<see cref="CanonicalColumns"/>), by common aliases (rec_id, first_name, dob, suburb,
/// soc_sec_id...) or by an explicit map; other columns are ignored. Whitespace around headers and fields
/// is trimmed. Several columns may make up the address (joined in column order) and identifiers.
/// </summary>
public sealed class PersonCsvReader
{
    /// <summary>The canonical column names, one per <see cref="PersonRecord"/> property.</summary>
    public static readonly IReadOnlyList<string> CanonicalColumns =
    [
        "id", "source", "given_name", "middle_names", "surname", "full_name", "date_of_birth", "gender",
        "postcode", "address", "locality", "region", "birth_place", "phone", "email", "identifier",
    ];

    /// <summary>Column names understood without a map, and the canonical column each stands for.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["rec_id"] = "id",
        ["record_id"] = "id",
        ["unique_id"] = "id",
        ["recid"] = "id",
        ["person_id"] = "id",
        ["first_name"] = "given_name",
        ["firstname"] = "given_name",
        ["givenname"] = "given_name",
        ["forename"] = "given_name",
        ["forenames"] = "given_name",
        ["given"] = "given_name",
        ["middle_name"] = "middle_names",
        ["middlename"] = "middle_names",
        ["middlenames"] = "middle_names",
        ["last_name"] = "surname",
        ["lastname"] = "surname",
        ["family_name"] = "surname",
        ["familyname"] = "surname",
        ["name"] = "full_name",
        ["fullname"] = "full_name",
        ["dob"] = "date_of_birth",
        ["birth_date"] = "date_of_birth",
        ["birthdate"] = "date_of_birth",
        ["date_birth"] = "date_of_birth",
        ["sex"] = "gender",
        ["post_code"] = "postcode",
        ["postal_code"] = "postcode",
        ["zip"] = "postcode",
        ["zipcode"] = "postcode",
        ["zip_code"] = "postcode",
        ["postcode_fake"] = "postcode",
        ["street_number"] = "address",
        ["address_1"] = "address",
        ["address_2"] = "address",
        ["address1"] = "address",
        ["address2"] = "address",
        ["address_line_1"] = "address",
        ["address_line_2"] = "address",
        ["street"] = "address",
        ["street_address"] = "address",
        ["suburb"] = "locality",
        ["city"] = "locality",
        ["town"] = "locality",
        ["state"] = "region",
        ["county"] = "region",
        ["province"] = "region",
        ["birthplace"] = "birth_place",
        ["place_of_birth"] = "birth_place",
        ["telephone"] = "phone",
        ["phone_number"] = "phone",
        ["mobile"] = "phone",
        ["tel"] = "phone",
        ["email_address"] = "email",
        ["e_mail"] = "email",
        ["soc_sec_id"] = "identifier",
        ["ssn"] = "identifier",
        ["national_id"] = "identifier",
        ["ni_number"] = "identifier",
        ["nino"] = "identifier",
        ["passport_number"] = "identifier",
        ["pnc_id"] = "identifier",
    };

    private const int MaxWarnings = 100;
    private readonly Dictionary<string, string?> map = new(StringComparer.Ordinal);

    /// <summary>Creates a reader.</summary>
    /// <param name="columnMap">
    /// Source column name to canonical column name, overriding the aliases (for example "forename" to
    /// "given_name"). Map a column to "ignore" (or an empty name) to leave it out.
    /// </param>
    /// <exception cref="ArgumentException">A map target is not a canonical column.</exception>
    public PersonCsvReader(IEnumerable<KeyValuePair<string, string>>? columnMap = null)
    {
        foreach (var (from, to) in columnMap ?? [])
        {
            var target = Clean(to);
            if (target.Length == 0 || target == "ignore")
            {
                map[Clean(from)] = null;
                continue;
            }

            if (!CanonicalColumns.Contains(target))
            {
                throw new ArgumentException($"'{to}' is not a column Vigil knows; use one of {string.Join(", ", CanonicalColumns)} or ignore.", nameof(columnMap));
            }

            map[Clean(from)] = target;
        }
    }

    /// <summary>Reads a CSV file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="source">The source to set on every record (for multi-source linkage); defaults to the source column, if any.</param>
    /// <exception cref="PersonFileException">The file is not valid CSV, has no header, no usable column, a row with the wrong number of fields, or an id twice.</exception>
    public PersonFile ReadFile(string path, string? source = null)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path), source);
    }

    /// <summary>Reads CSV text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="fileName">The name used in messages.</param>
    /// <param name="source">The source to set on every record; defaults to the source column, if any.</param>
    /// <exception cref="PersonFileException">The text is not valid CSV, has no header, no usable column, a row with the wrong number of fields, or an id twice.</exception>
    public PersonFile Read(TextReader reader, string? fileName = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MaxRecordSize = 1 << 20,
        };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        try
        {
            string[] header = [.. csv.Headers];
            if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
            {
                throw new PersonFileException(fileName, 1, "the file is empty; a header row naming the columns is required.");
            }

            var layout = Layout(header, fileName);
            var records = new List<PersonRecord>();
            var warnings = new List<string>();
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            var fields = new string[header.Length];
            while (csv.Read())
            {
                var line = csv.LineNumber;
                if (csv.FieldCount != header.Length)
                {
                    throw new PersonFileException(fileName, line, $"{csv.FieldCount} fields where the header has {header.Length}.");
                }

                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = layout.Targets[i] is null ? string.Empty : csv.GetString(i);
                }

                var record = Build(fields, layout, (int)csv.RowNumber, line, fileName, source, warnings);
                if (ids.TryGetValue(record.Id, out var firstLine))
                {
                    throw new PersonFileException(fileName, line, $"id '{Shorten(record.Id)}' was already used on line {firstLine}; ids must be unique within a file.");
                }

                ids[record.Id] = line;
                records.Add(record);
            }

            var columns = new List<KeyValuePair<string, string?>>();
            for (var i = 0; i < header.Length; i++)
            {
                columns.Add(new(header[i], layout.Targets[i]));
            }

            return new PersonFile(records, warnings, columns);
        }
        catch (CsvFormatException e)
        {
            var line = e.LineNumber > 0 ? e.LineNumber : e.RecordNumber;
            throw new PersonFileException(fileName, line, "malformed CSV: " + e.Message, e);
        }
    }

    private sealed record ColumnLayout(string?[] Targets, bool HasId);

    private ColumnLayout Layout(string[] header, string? fileName)
    {
        var targets = new string?[header.Length];
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = Clean(header[i]);
            string? target;
            if (map.TryGetValue(name, out var mapped))
            {
                target = mapped;
            }
            else if (CanonicalColumns.Contains(name))
            {
                target = name;
            }
            else
            {
                target = Aliases.GetValueOrDefault(name);
            }

            if (target is not null and not ("address" or "identifier") && used.TryGetValue(target, out var other))
            {
                throw new PersonFileException(fileName, 1, $"columns '{other}' and '{header[i]}' both stand for {target}; map one of them to another column or to ignore.");
            }

            if (target is not null)
            {
                used.TryAdd(target, header[i]);
            }

            targets[i] = target;
        }

        if (used.Count == 0 || (used.Count == 1 && used.ContainsKey("id")))
        {
            throw new PersonFileException(fileName, 1, $"no column holds a person's details (found {string.Join(", ", header)}); name them as {string.Join(", ", CanonicalColumns)}, or map them.");
        }

        return new ColumnLayout(targets, used.ContainsKey("id"));
    }

    private static PersonRecord Build(string[] fields, ColumnLayout layout, int row, long line, string? fileName, string? source, List<string> warnings)
    {
        string? id = null, src = source, given = null, middle = null, surname = null, full = null, gender = null, postcode = null;
        string? locality = null, region = null, birthPlace = null, phone = null, email = null, dobText = null;
        List<string>? address = null;
        List<string>? identifiers = null;
        for (var i = 0; i < fields.Length; i++)
        {
            var target = layout.Targets[i];
            var value = fields[i];
            if (target is null || value.Length == 0)
            {
                continue;
            }

            switch (target)
            {
                case "id": id = value; break;
                case "source": src ??= value; break;
                case "given_name": given = value; break;
                case "middle_names": middle = value; break;
                case "surname": surname = value; break;
                case "full_name": full = value; break;
                case "date_of_birth": dobText = value; break;
                case "gender": gender = value; break;
                case "postcode": postcode = value; break;
                case "address": (address ??= []).Add(value); break;
                case "locality": locality = value; break;
                case "region": region = value; break;
                case "birth_place": birthPlace = value; break;
                case "phone": phone = value; break;
                case "email": email = value; break;
                case "identifier": (identifiers ??= []).Add(value); break;
                default: break;
            }
        }

        if (layout.HasId && string.IsNullOrEmpty(id))
        {
            throw new PersonFileException(fileName, line, "the id is empty.");
        }

        PartialDate? dob = null;
        if (dobText is not null)
        {
            if (PartialDate.TryParse(dobText, out var d))
            {
                dob = d;
            }
            else if (warnings.Count < MaxWarnings)
            {
                warnings.Add($"{fileName ?? "input"}, line {line}: date of birth '{Shorten(dobText)}' is not a date (YYYY-MM-DD, YYYYMMDD or DD/MM/YYYY); treated as missing.");
            }
        }

        return new PersonRecord
        {
            Id = id ?? row.ToString(CultureInfo.InvariantCulture),
            Source = src,
            GivenName = given,
            MiddleNames = middle,
            Surname = surname,
            FullName = full,
            DateOfBirth = dob,
            Gender = gender,
            Postcode = postcode,
            Address = address is null ? null : string.Join(' ', address),
            Locality = locality,
            Region = region,
            BirthPlace = birthPlace,
            Phone = phone,
            Email = email,
            Identifiers = identifiers ?? (IReadOnlyList<string>)[],
        };
    }

    private static string Clean(string name)
    {
        var s = name.Trim().ToLowerInvariant();
        return s.Replace(' ', '_').Replace('-', '_');
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
