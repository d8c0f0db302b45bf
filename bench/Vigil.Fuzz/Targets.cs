using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using Vigil.Matching;
using Vigil.Matching.Io;
using Vigil.Matching.Text;
using Vigil.Web.Platform.Api;
using Vigil.Web.Platform.Places;
using Vigil.Web.Platform.Search;
using Vigil.Web.Platform.Ui;
using Vigil.Web.Pursue;
using Vigil.Web.Reporting;

namespace Vigil.Fuzz;

/// <summary>A target's contract is broken: not an exception the production code turns into a clean error,
/// but an answer that is wrong (a value and an error at once, a result that changes when read again).</summary>
public sealed class ContractException(string message) : Exception(message);

/// <summary>One parser or binder, fed one input. It returns for a value or for the documented clean rejection;
/// anything else (an exception the production code does not turn into a clear error, a broken contract) is
/// a crash.</summary>
public sealed record Target(string About, Action<byte[]> Run);

public static class Targets
{
    public static readonly IReadOnlyDictionary<string, Target> All = new Dictionary<string, Target>(StringComparer.Ordinal)
    {
        ["search"] = new("search box syntax: SearchTerms.Read (quotes, -, or, identifiers)", Search),
        ["postcode"] = new("UK postcodes: Postcodes.Normalise, area, district, centre", Postcode),
        ["form"] = new("form fields (x-www-form-urlencoded): DateParts.Read, FormValues, BindingErrors.Explain", Form),
        ["json"] = new("API JSON bodies: System.Text.Json as the API reads them, then ApiValidation (and ACT's, search's, postcode's rules)", Json),
        ["act-file"] = new("ACT uploads: ActFiles.Check (JPEG/PNG/PDF by content, metadata stripped)", ActFile),
        ["exhibit-file"] = new("digital exhibit uploads: extension, content check and stored name", ExhibitFile),
        ["match-csv"] = new("vigil match dedupe/link: PersonCsvReader, then Dedupe and Link of what it read", MatchCsv),
        ["names"] = new("deconfliction's normalisers: NameWords, PartialDate, a PersonIndex query", Names),
    };

    // ---- search ---------------------------------------------------------------------------------------------

    private static void Search(byte[] input)
    {
        // WTF-8: a lone surrogate written as its three bytes stays one (see Wtf8).
        var typed = Wtf8.Decode(input);
        var (terms, problem) = SearchTerms.Read(typed);
        if ((terms is null) == (problem is null))
        {
            throw new ContractException("SearchTerms.Read gave both terms and a problem, or neither");
        }

        if (terms is not null)
        {
            if (terms.IsEmpty)
            {
                throw new ContractException("empty terms returned as searchable");
            }

            foreach (var word in terms.Clauses.SelectMany(c => c.AnyOf).SelectMany(p => p.Words))
            {
                if (word.Length is 0 or > 64 || !word.All(char.IsLetterOrDigit))
                {
                    throw new ContractException($"a word that is not letters and digits reached the engines: '{word}'");
                }
            }

            // The log line is read back by nothing, but it is written for every search.
            _ = terms.ToString();
        }

        _ = SearchTerms.Identifier(typed);
    }

    // ---- postcode -------------------------------------------------------------------------------------------

    private static void Postcode(byte[] input)
    {
        var typed = Wtf8.Decode(input);
        var normal = Postcodes.Normalise(typed);
        _ = Postcodes.District(typed);
        _ = Postcodes.AreaCode(typed);
        if (normal is null)
        {
            return;
        }

        if (Postcodes.Normalise(normal) != normal)
        {
            throw new ContractException($"'{normal}' normalises again to something else");
        }

        _ = Postcodes.AreaOf(normal);
        _ = Postcodes.Centre(normal);
        if (Postcodes.District(normal).Length is < 2 or > 4)
        {
            throw new ContractException($"district of '{normal}' is not an outward code");
        }
    }

    // ---- form -----------------------------------------------------------------------------------------------

    private static void Form(byte[] input)
    {
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form;
        try
        {
            // The framework's own reader of x-www-form-urlencoded bodies; its limits throw InvalidDataException (a 400).
            using var reader = new FormReader(new MemoryStream(input));
            form = reader.ReadForm();
        }
        catch (InvalidDataException)
        {
            return;
        }

        string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;

        var parts = new DateParts { Day = Field("day"), Month = Field("month"), Year = Field("year") };
        foreach (var partial in new[] { false, true })
        {
            var date = parts.Read("Date of birth", out var error, out var precision, partial);
            if (date is not null && error is not null)
            {
                throw new ContractException("a date and an error at once");
            }

            if (date is null && error is null && !parts.IsEmpty)
            {
                throw new ContractException("something typed, yet neither a date nor an error");
            }

            if (date is { } d && DateParts.Of(d).Read("Date", out var again) != d)
            {
                throw new ContractException($"{d} does not read back: {again}");
            }

            if (!partial && date is not null && precision != DatePrecision.Day)
            {
                throw new ContractException("a whole date asked for, a partial one given");
            }
        }

        var number = FormValues.Number(Field("number"), out var valid);
        if (number is not null && !valid)
        {
            throw new ContractException("a number that is not valid");
        }

        _ = FormValues.Choice<Vigil.Web.Protect.SiteKind>(Field("choice"));
        _ = FormValues.Id(Field("id"));
        _ = FormValues.YesNo(Field("yesno"));
        _ = FormValues.Text(Field("text"));

        // A query value that does not bind: the framework's message, with the value as typed, explained.
        if (Field("bind") is { } bound)
        {
            var failed = new Microsoft.AspNetCore.Http.BadHttpRequestException($"Failed to bind parameter \"Nullable<Phase> phase\" from \"{bound}\".");
            _ = BindingErrors.Explain(null, failed);
        }
    }

    // ---- json -----------------------------------------------------------------------------------------------

    /// <summary>As the API reads bodies (Platform/PlatformSetup.cs: web defaults, enums by name only, unknown fields refused).</summary>
    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The request records of the API: the records of Vigil.Web whose properties carry validation
    /// annotations (what <see cref="ApiValidation.Validate"/> is for), and that System.Text.Json can read.
    /// Found on first use: instrumented code must run only inside the fuzzing loop, where SharpFuzz's coverage
    /// map exists.</summary>
    public static IReadOnlyList<Type> RequestTypes => Requests.Value;

    private static readonly Lazy<IReadOnlyList<Type>> Requests = new(() => [.. typeof(ApiValidation).Assembly.GetTypes()
        .Where(t => t.IsPublic && t.IsClass && !t.IsAbstract && !t.IsGenericType && t.GetMethod("<Clone>$") is not null)
        .Where(t => t.GetProperties().Any(p => p.GetCustomAttributes<ValidationAttribute>().Any()))
        .Where(Readable)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)]);

    private static bool Readable(Type type)
    {
        try
        {
            JsonSerializer.Deserialize("{}", type, ApiJson);
            return true;
        }
        catch (JsonException)
        {
            return true; // required members missing: readable, just not from {}
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
        {
            return false;
        }
    }

    // Input: the request type's name, a line feed, the body. A name mutated out of the list still picks a type.
    private static void Json(byte[] input)
    {
        var split = Array.IndexOf(input, (byte)'\n');
        var name = Encoding.UTF8.GetString(input, 0, Math.Max(split, 0));
        var type = RequestTypes.FirstOrDefault(t => t.Name == name) ?? RequestTypes[(int)((uint)name.Sum(c => c) % RequestTypes.Count)];
        var body = input.AsSpan(split + 1);
        object? request;
        try
        {
            request = JsonSerializer.Deserialize(body, type, ApiJson);
        }
        catch (JsonException)
        {
            return; // the exception handler's 400 (Platform/PlatformSetup.cs, StatusFor)
        }

        if (request is null)
        {
            return; // minimal APIs answer 400: the body is required
        }

        var errors = ApiValidation.Validate(request);
        switch (request)
        {
            case ActSubmission act:
                foreach (var (field, messages) in ActIntake.Validate(act, new DateOnly(2026, 6, 1)))
                {
                    foreach (var message in messages)
                    {
                        ApiValidation.Add(errors, field, message);
                    }
                }

                _ = ActIntake.ReadFiles(act.Files, errors);
                _ = Postcodes.Normalise(act.Postcode);
                break;
            case SaveSearch save:
                if (SearchTerms.Read(save.Q).Terms is null)
                {
                    ApiValidation.Add(errors, "q", "problem");
                }

                break;
            case SearchRequest search:
                _ = SearchTerms.Read(search.Q);
                break;
            default:
                break;
        }

        if (type.GetProperty("Postcode")?.GetValue(request) is string postcode)
        {
            _ = Postcodes.Normalise(postcode);
        }

        // What passes validation is saved: every string must be text a database can store (PostgreSQL's
        // client encodes strictly to UTF-8, and throws on half of a surrogate pair; System.Text.Json refuses
        // one in a body, so this holds as long as that does).
        if (errors.Count == 0 && BrokenText(request, type.Name, 0) is { } path)
        {
            throw new ContractException($"{path} holds half of a surrogate pair, yet passed validation");
        }
    }

    private static string? BrokenText(object value, string path, int depth)
    {
        switch (value)
        {
            case string s:
                return Wtf8.IsWellFormed(s) ? null : path;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    if (item is not null && BrokenText(item, $"{path}[{i++}]", depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                if (depth > 5 || value.GetType().Namespace?.StartsWith("Vigil.", StringComparison.Ordinal) != true || !value.GetType().IsClass)
                {
                    return null;
                }

                foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (p.GetIndexParameters().Length == 0 && p.GetValue(value) is { } v && BrokenText(v, $"{path}.{p.Name}", depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
        }
    }

    // ---- act-file -------------------------------------------------------------------------------------------

    private static void ActFile(byte[] input)
    {
        var (file, error) = ActFiles.Check("photo.jpg", input);
        if ((file is null) == (error is null))
        {
            throw new ContractException("a file and an error at once, or neither");
        }

        if (file is null || file.ContentType == "application/pdf")
        {
            return;
        }

        // Stripping what was stripped changes nothing: a kept image holds no metadata left to find.
        var (again, problem) = ActFiles.Check("photo.jpg", file.Content);
        if (again is null || !again.Content.AsSpan().SequenceEqual(file.Content))
        {
            throw new ContractException($"a kept {file.ContentType} does not check again the same: {problem}");
        }
    }

    // ---- exhibit-file ---------------------------------------------------------------------------------------

    private static readonly Lazy<ExhibitStorageOptions> Storage = new(() => new ExhibitStorageOptions());

    // Input: the file name as posted, a line feed, the file's first bytes.
    private static void ExhibitFile(byte[] input)
    {
        var split = Array.IndexOf(input, (byte)'\n');
        var fileName = Encoding.UTF8.GetString(input, 0, Math.Max(split, 0));
        var head = input.AsSpan(split + 1)[..Math.Min(16, input.Length - split - 1)].ToArray();
        var (contentType, refusal) = Exhibits.CheckType(Storage.Value, fileName);
        if ((contentType is null) == (refusal is null))
        {
            throw new ContractException("a type and a refusal at once, or neither");
        }

        if (contentType is not null)
        {
            _ = Exhibits.LooksLike(contentType, head);
            var stored = Exhibits.StoredFileName(fileName);
            if (stored.Length > 255 || stored.Contains('/', StringComparison.Ordinal) || stored.Contains('\\', StringComparison.Ordinal))
            {
                throw new ContractException($"stored name '{stored}' is not a plain file name of 255 characters at most");
            }
        }
    }

    // ---- match-csv ------------------------------------------------------------------------------------------

    private static void MatchCsv(byte[] input)
    {
        PersonFile file;
        try
        {
            // As ReadFile opens a file: UTF-8 unless a byte-order mark says otherwise.
            using var reader = new StreamReader(new MemoryStream(input));
            file = new PersonCsvReader().Read(reader, "fuzz.csv");
        }
        catch (PersonFileException)
        {
            return; // the verbs print its message (naming file and line) and exit 2
        }

        var records = file.Records;
        if (records.Count is 0 or > 40)
        {
            return;
        }

        var dedupe = new PersonMatcher().Dedupe(records, 0.5);
        using (var writer = new StringWriter())
        {
            MatchCsvWriter.WriteClusters(writer, dedupe.Clusters);
            MatchCsvWriter.WritePairs(writer, dedupe.Pairs, explain: true);
        }

        if (dedupe.Clusters.Count != records.Count)
        {
            throw new ContractException($"{records.Count} records, {dedupe.Clusters.Count} cluster assignments");
        }

        var half = records.Count / 2;
        var link = new PersonMatcher().Link([.. records.Take(half)], [.. records.Skip(half)], 0.5);
        if (link.Best.Count != half)
        {
            throw new ContractException($"{half} left records, {link.Best.Count} best matches");
        }
    }

    // ---- names ----------------------------------------------------------------------------------------------

    private static readonly Lazy<PersonIndex> KnownPeople = new(BuildKnown);

    private static PersonIndex Known => KnownPeople.Value;

    private static PersonIndex BuildKnown()
    {
        var index = new PersonIndex();
        string[][] people =
        [
            ["k1", "Mohammed", "Al-Rashid", "1987-03-14", "M1 1AE", "07700 900123"],
            ["k2", "محمد", "الرشيد", "1987-03-14", "M1 1AE", ""],
            ["k3", "Dmitri", "Ivanov", "1979-11-02", "LS1 4DY", ""],
            ["k4", "Дмитрий", "Иванов", "1979", "", ""],
            ["k5", "Siobhán", "O'Brien", "1992-07", "BT1 5GS", "+44 7700 900456"],
            ["k6", "John", "Smith", "1970-01-01", "SW1A 2AA", ""],
            ["k7", "John", "Smith Jr", "1995-05-05", "SW1A 2AA", ""],
        ];
        foreach (var p in people)
        {
            index.Add(new PersonRecord
            {
                Id = p[0], GivenName = p[1], Surname = p[2], DateOfBirth = PartialDate.TryParse(p[3], out var d) ? d : null,
                Postcode = p[4], Phone = p[5],
            });
        }

        return index;
    }

    // Input: lines of given name, middle names, surname, full name, date of birth, gender, postcode, address,
    // phone, e-mail, identifier (missing lines are missing fields).
    private static void Names(byte[] input)
    {
        var f = Wtf8.Decode(input).Split('\n');
        string? At(int i) => i < f.Length && f[i].Length > 0 ? f[i] : null;

        var dobText = At(4);
        PartialDate? dob = null;
        if (PartialDate.TryParse(dobText, out var date))
        {
            dob = date;
            if (!PartialDate.TryParse(date.ToString(), out var again) || again != date)
            {
                throw new ContractException($"date '{dobText}' read as {date}, which does not read back");
            }
        }

        foreach (var word in NameWords.Of(At(0), At(1), At(2), At(3)).Concat(NameWords.OfQuery(At(0))))
        {
            if (word.Length == 0)
            {
                throw new ContractException("an empty name word");
            }

            _ = NameWords.UpperBound(word);
        }

        var record = new PersonRecord
        {
            Id = "q", GivenName = At(0), MiddleNames = At(1), Surname = At(2), FullName = At(3), DateOfBirth = dob, Gender = At(5),
            Postcode = At(6), Address = At(7), Phone = At(8), Email = At(9), Identifiers = At(10) is { } id ? [id] : [],
        };
        foreach (var candidate in Known.Query(record, threshold: 0.0))
        {
            if (double.IsNaN(candidate.Probability) || candidate.Probability is < 0 or > 1)
            {
                throw new ContractException($"probability {candidate.Probability} for {candidate.Id}");
            }
        }

        // Added and taken out again, so the index stays as built.
        Known.Add(record);
        _ = Known.Resemblance("q", "k1");
        Known.Remove("q");
    }
}
