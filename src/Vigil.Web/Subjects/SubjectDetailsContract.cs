using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Vigil.Web.Platform.Api;

namespace Vigil.Web.Subjects;

public sealed record NameDetail(Guid? Id, NameKind Kind,
    [property: Required(ErrorMessage = "Enter the other name's given name"), StringLength(200)] string GivenName,
    [property: Required(ErrorMessage = "Enter the other name's surname"), StringLength(200)] string Surname,
    [property: StringLength(200)] string? Source = null, Guid? FromSubjectId = null);

public sealed record IdentifierDetail(Guid? Id, IdentifierKind Kind,
    [property: Required(ErrorMessage = "Enter the identifier"), StringLength(100)] string Value,
    [property: StringLength(100)] string? IssuingCountry = null, [property: StringLength(200)] string? Source = null, Guid? FromSubjectId = null);

public sealed record AddressDetail(Guid? Id,
    [property: Required(ErrorMessage = "Enter the address"), StringLength(500)] string Text,
    [property: StringLength(16)] string? Postcode = null, DateOnly? From = null, DateOnly? To = null,
    [property: StringLength(200)] string? Source = null, Guid? FromSubjectId = null);

public sealed record ContactDetail(Guid? Id, ContactKind Kind,
    [property: Required(ErrorMessage = "Enter the phone number, e-mail or handle"), StringLength(256)] string Value,
    [property: StringLength(100)] string? Platform = null, [property: StringLength(200)] string? Source = null, Guid? FromSubjectId = null);

public sealed record VehicleDetail(Guid? Id,
    [property: Required(ErrorMessage = "Enter the registration mark"), StringLength(16)] string Registration,
    [property: StringLength(200)] string? Description = null, [property: StringLength(200)] string? Source = null, Guid? FromSubjectId = null);

public sealed record NationalityDetail(Guid? Id, [property: Required, StringLength(100)] string Country, Guid? FromSubjectId = null);

public sealed record LinkDetail(Guid? Id, LinkType Type, Guid? ToSubjectId = null, Guid? ToOrganisationId = null, DateOnly? From = null, DateOnly? To = null,
    [property: StringLength(200)] string? Source = null, Guid? FromSubjectId = null);

public sealed record WarningDetail(Guid Id, WarningKind Kind, string Notes, DateTimeOffset AddedAt, string AddedBy);

/// <summary>Checks, normalises and applies the lists of details a request carries. A list left out of a
/// request is kept as it is; a list sent replaces the old one, keeping each surviving item's provenance.</summary>
public static partial class SubjectDetails
{
    public static void Validate(SubjectRequest request, Dictionary<string, string[]> errors)
    {
        Each(request.OtherNames, nameof(SubjectRequest.OtherNames), errors);
        Each(request.Identifiers, nameof(SubjectRequest.Identifiers), errors);
        Each(request.Addresses, nameof(SubjectRequest.Addresses), errors);
        Each(request.Contacts, nameof(SubjectRequest.Contacts), errors);
        Each(request.Vehicles, nameof(SubjectRequest.Vehicles), errors);
        Each(request.Nationalities, nameof(SubjectRequest.Nationalities), errors);
        Each(request.Links, nameof(SubjectRequest.Links), errors);
        foreach (var (link, i) in (request.Links ?? []).Select((l, i) => (l, i)))
        {
            if ((link.ToSubjectId is null) == (link.ToOrganisationId is null))
            {
                ApiValidation.Add(errors, $"{nameof(SubjectRequest.Links)}[{i}]", "A link goes to one subject or one organisation");
            }
            if (link.From > link.To)
            {
                ApiValidation.Add(errors, $"{nameof(SubjectRequest.Links)}[{i}]", "A link's 'from' date must be on or before its 'to' date");
            }
        }
        foreach (var (address, i) in (request.Addresses ?? []).Select((a, i) => (a, i)))
        {
            if (address.From > address.To)
            {
                ApiValidation.Add(errors, $"{nameof(SubjectRequest.Addresses)}[{i}]", "An address's 'from' date must be on or before its 'to' date");
            }
        }
        foreach (var (contact, i) in (request.Contacts ?? []).Select((c, i) => (c, i)))
        {
            var bad = contact.Kind switch
            {
                ContactKind.Phone when NormalisePhone(contact.Value).Length is < 5 or > 16 => "Enter a phone number with 5 to 16 digits",
                ContactKind.Email when !new EmailAddressAttribute().IsValid(contact.Value) => "Enter an e-mail address in the correct format",
                _ => null,
            };
            if (bad is not null)
            {
                ApiValidation.Add(errors, $"{nameof(SubjectRequest.Contacts)}[{i}]", bad);
            }
        }
        foreach (var (vehicle, i) in (request.Vehicles ?? []).Select((v, i) => (v, i)))
        {
            if (!RegistrationPattern().IsMatch(NormaliseRegistration(vehicle.Registration)))
            {
                ApiValidation.Add(errors, $"{nameof(SubjectRequest.Vehicles)}[{i}]", "A registration mark has 2 to 8 letters and numbers");
            }
        }
    }

    private static void Each<T>(List<T>? items, string field, Dictionary<string, string[]> errors) where T : notnull
    {
        if (items is { Count: > 100 })
        {
            ApiValidation.Add(errors, field, "No more than 100 items");
            return;
        }
        foreach (var (item, i) in (items ?? []).Select((x, i) => (x, i)))
        {
            foreach (var (key, messages) in ApiValidation.Validate(item))
            {
                errors[$"{field}[{i}].{key}"] = messages;
            }
        }
    }

    public static string NormaliseRegistration(string value) => new string(value.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();

    public static string NormalisePhone(string value)
    {
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        // UK numbers: +44 7700 900123 and 07700 900123 are the same phone.
        return digits.StartsWith("44", StringComparison.Ordinal) && value.TrimStart().StartsWith('+') ? "0" + digits[2..] : digits;
    }

    public static string NormalisePostcode(string? value) => (value ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    [GeneratedRegex("^[A-Z0-9]{2,8}$")]
    private static partial Regex RegistrationPattern();

    public static void Apply(Subject subject, SubjectRequest request)
    {
        if (request.OtherNames is { } names)
        {
            subject.OtherNames = Replace(subject.OtherNames, names.Select(n => (n.Id, (Func<SubjectName>)(() => new SubjectName { Kind = n.Kind, GivenName = n.GivenName.Trim(), Surname = n.Surname.Trim(), Source = n.Source?.Trim() ?? "" }))));
        }
        if (request.Identifiers is { } ids)
        {
            subject.Identifiers = Replace(subject.Identifiers, ids.Select(x => (x.Id, (Func<SubjectIdentifier>)(() => new SubjectIdentifier { Kind = x.Kind, Value = x.Value.Trim().ToUpperInvariant(), IssuingCountry = x.IssuingCountry?.Trim() ?? "", Source = x.Source?.Trim() ?? "" }))));
        }
        if (request.Addresses is { } addresses)
        {
            subject.Addresses = Replace(subject.Addresses, addresses.Select(a => (a.Id, (Func<SubjectAddress>)(() => new SubjectAddress { Text = a.Text.Trim(), Postcode = NormalisePostcode(a.Postcode), From = a.From, To = a.To, Source = a.Source?.Trim() ?? "" }))));
        }
        if (request.Contacts is { } contacts)
        {
            subject.Contacts = Replace(subject.Contacts, contacts.Select(c => (c.Id, (Func<SubjectContact>)(() => new SubjectContact
            {
                Kind = c.Kind,
                Value = c.Kind switch { ContactKind.Phone => NormalisePhone(c.Value), ContactKind.Email => c.Value.Trim().ToLowerInvariant(), _ => c.Value.Trim() },
                Platform = c.Platform?.Trim() ?? "",
                Source = c.Source?.Trim() ?? "",
            }))));
        }
        if (request.Vehicles is { } vehicles)
        {
            subject.Vehicles = Replace(subject.Vehicles, vehicles.Select(v => (v.Id, (Func<SubjectVehicle>)(() => new SubjectVehicle { Registration = NormaliseRegistration(v.Registration), Description = v.Description?.Trim() ?? "", Source = v.Source?.Trim() ?? "" }))));
        }
        if (request.Links is { } links)
        {
            subject.Links = Replace(subject.Links, links.Select(l => (l.Id, (Func<SubjectLink>)(() => new SubjectLink { Type = l.Type, ToSubjectId = l.ToSubjectId, ToOrganisationId = l.ToOrganisationId, From = l.From, To = l.To, Source = l.Source?.Trim() ?? "" }))));
        }
        if (request.Nationalities is { } nationalities)
        {
            subject.Nationalities = Replace(subject.Nationalities, nationalities.Select(n => (n.Id, (Func<SubjectNationality>)(() => new SubjectNationality { Country = n.Country.Trim() }))));
        }
    }

    // Items sent with the id of an existing item update that item in place (keeping its id and its
    // provenance, FromSubjectId); others are added; existing items not sent are removed.
    private static List<T> Replace<T>(List<T> existing, IEnumerable<(Guid? Id, Func<T> Create)> wanted) where T : SubjectDetail
    {
        var result = new List<T>();
        foreach (var (id, create) in wanted)
        {
            var item = create();
            if (id is { } known && existing.FirstOrDefault(e => e.Id == known) is { } old && !result.Contains(old))
            {
                CopyInto(old, item);
                result.Add(old);
            }
            else
            {
                result.Add(item);
            }
        }
        return result;
    }

    private static void CopyInto<T>(T target, T source) where T : SubjectDetail
    {
        foreach (var property in typeof(T).GetProperties().Where(p => p.CanWrite && p.Name is not (nameof(SubjectDetail.Id) or nameof(SubjectDetail.FromSubjectId))))
        {
            property.SetValue(target, property.GetValue(source));
        }
    }

    /// <summary>The details as the user may see them: links to records they may not see are left out.</summary>
    public static SubjectDetailsDto ToDto(Subject s, IReadOnlySet<Guid> visibleTargets) => new(
        s.OtherNames.Select(n => new NameDetail(n.Id, n.Kind, n.GivenName, n.Surname, n.Source, n.FromSubjectId)).ToList(),
        s.Identifiers.Select(i => new IdentifierDetail(i.Id, i.Kind, i.Value, i.IssuingCountry, i.Source, i.FromSubjectId)).ToList(),
        s.Addresses.OrderByDescending(a => a.From).Select(a => new AddressDetail(a.Id, a.Text, a.Postcode, a.From, a.To, a.Source, a.FromSubjectId)).ToList(),
        s.Contacts.Select(c => new ContactDetail(c.Id, c.Kind, c.Value, c.Platform, c.Source, c.FromSubjectId)).ToList(),
        s.Vehicles.Select(v => new VehicleDetail(v.Id, v.Registration, v.Description, v.Source, v.FromSubjectId)).ToList(),
        s.Nationalities.Select(n => new NationalityDetail(n.Id, n.Country, n.FromSubjectId)).ToList(),
        s.WarningMarkers.OrderBy(w => w.AddedAt).Select(w => new WarningDetail(w.Id, w.Kind, w.Notes, w.AddedAt, w.AddedBy)).ToList(),
        s.Links.Where(l => visibleTargets.Contains(l.ToSubjectId ?? l.ToOrganisationId ?? Guid.Empty))
            .Select(l => new LinkDetail(l.Id, l.Type, l.ToSubjectId, l.ToOrganisationId, l.From, l.To, l.Source, l.FromSubjectId)).ToList());
}

public sealed record SubjectDetailsDto(
    IReadOnlyList<NameDetail> OtherNames, IReadOnlyList<IdentifierDetail> Identifiers, IReadOnlyList<AddressDetail> Addresses,
    IReadOnlyList<ContactDetail> Contacts, IReadOnlyList<VehicleDetail> Vehicles, IReadOnlyList<NationalityDetail> Nationalities,
    IReadOnlyList<WarningDetail> WarningMarkers, IReadOnlyList<LinkDetail> Links);
