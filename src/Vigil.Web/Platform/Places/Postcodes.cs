namespace Vigil.Web.Platform.Places;

/// <summary>A point on the map, in degrees (WGS 84).</summary>
public readonly record struct LatLon(double Latitude, double Longitude)
{
    /// <summary>The great-circle distance in kilometres (haversine; ample for a map and a radius).</summary>
    public double KilometresTo(LatLon other)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(other.Latitude - Latitude);
        var dLon = Radians(other.Longitude - Longitude);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(Latitude)) * Math.Cos(Radians(other.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * 6371 * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}

/// <summary>
/// UK postcodes as reference data: the form of a postcode, its area and district, the police force covering most
/// of each postcode area, and each area's approximate centre. The centres are kept by hand (the main post town of
/// each area, to about a kilometre) because no postcode file is available offline here; they place a postcode on a
/// small map to within its area (tens of kilometres), which is what the maps claim and no more. A deployment
/// with the Ordnance Survey's Code-Point Open would swap <see cref="Centre"/> for the postcode's own point.
/// </summary>
public static class Postcodes
{
    public sealed record Area(string Code, string Force, LatLon Centre);

    private static Area A(string code, string force, double lat, double lon) => new(code, force, new(lat, lon));

    public static readonly IReadOnlyDictionary<string, Area> Areas = new Area[]
    {
        // London
        A("E", "Metropolitan", 51.54, -0.03), A("EC", "City of London", 51.515, -0.09), A("N", "Metropolitan", 51.58, -0.11),
        A("NW", "Metropolitan", 51.55, -0.19), A("SE", "Metropolitan", 51.46, -0.05), A("SW", "Metropolitan", 51.46, -0.17),
        A("W", "Metropolitan", 51.51, -0.23), A("WC", "Metropolitan", 51.517, -0.12), A("BR", "Metropolitan", 51.39, 0.03),
        A("CR", "Metropolitan", 51.36, -0.10), A("DA", "Kent", 51.44, 0.20), A("EN", "Metropolitan", 51.66, -0.08),
        A("HA", "Metropolitan", 51.58, -0.34), A("IG", "Metropolitan", 51.57, 0.08), A("KT", "Surrey", 51.38, -0.30),
        A("RM", "Metropolitan", 51.56, 0.20), A("SM", "Metropolitan", 51.36, -0.19), A("TW", "Metropolitan", 51.45, -0.37),
        A("UB", "Metropolitan", 51.52, -0.43),
        // North West
        A("M", "Greater Manchester", 53.47, -2.24), A("BL", "Greater Manchester", 53.58, -2.43), A("OL", "Greater Manchester", 53.54, -2.11),
        A("SK", "Greater Manchester", 53.40, -2.15), A("WN", "Greater Manchester", 53.55, -2.63), A("L", "Merseyside", 53.41, -2.98),
        A("CH", "Merseyside", 53.27, -3.00), A("WA", "Cheshire", 53.39, -2.59), A("CW", "Cheshire", 53.10, -2.44),
        A("PR", "Lancashire", 53.76, -2.70), A("BB", "Lancashire", 53.75, -2.48), A("FY", "Lancashire", 53.82, -3.03),
        A("LA", "Lancashire", 54.05, -2.80), A("CA", "Cumbria", 54.70, -3.10), A("IM", "Isle of Man", 54.23, -4.55),
        // North East
        A("LS", "West Yorkshire", 53.80, -1.55), A("BD", "West Yorkshire", 53.79, -1.75), A("HD", "West Yorkshire", 53.65, -1.78),
        A("HX", "West Yorkshire", 53.72, -1.86), A("WF", "West Yorkshire", 53.68, -1.50), A("S", "South Yorkshire", 53.38, -1.47),
        A("DN", "South Yorkshire", 53.52, -1.13), A("HU", "Humberside", 53.74, -0.34), A("YO", "North Yorkshire", 53.96, -1.08),
        A("HG", "North Yorkshire", 54.00, -1.54), A("TS", "Cleveland", 54.57, -1.23), A("DL", "Durham", 54.52, -1.55),
        A("DH", "Durham", 54.78, -1.57), A("NE", "Northumbria", 54.98, -1.61), A("SR", "Northumbria", 54.90, -1.38),
        // West Midlands
        A("B", "West Midlands", 52.48, -1.90), A("CV", "West Midlands", 52.41, -1.51), A("WS", "West Midlands", 52.59, -1.98),
        A("WV", "West Midlands", 52.59, -2.13), A("DY", "West Midlands", 52.51, -2.09), A("ST", "Staffordshire", 52.99, -2.17),
        A("TF", "West Mercia", 52.68, -2.45), A("WR", "West Mercia", 52.19, -2.22), A("HR", "West Mercia", 52.06, -2.72),
        A("SY", "West Mercia", 52.71, -2.75),
        // East Midlands
        A("DE", "Derbyshire", 52.92, -1.48), A("NG", "Nottinghamshire", 52.95, -1.15), A("LE", "Leicestershire", 52.64, -1.13),
        A("LN", "Lincolnshire", 53.23, -0.54), A("NN", "Northamptonshire", 52.24, -0.90),
        // Eastern
        A("CB", "Cambridgeshire", 52.21, 0.12), A("PE", "Cambridgeshire", 52.57, -0.24), A("CM", "Essex", 51.74, 0.47),
        A("CO", "Essex", 51.89, 0.90), A("SS", "Essex", 51.54, 0.71), A("IP", "Suffolk", 52.06, 1.16), A("NR", "Norfolk", 52.63, 1.30),
        A("LU", "Bedfordshire", 51.88, -0.42), A("MK", "Thames Valley", 52.04, -0.76), A("AL", "Hertfordshire", 51.75, -0.34),
        A("SG", "Hertfordshire", 51.90, -0.20), A("WD", "Hertfordshire", 51.66, -0.40),
        // South East
        A("OX", "Thames Valley", 51.75, -1.26), A("RG", "Thames Valley", 51.45, -0.97), A("SL", "Thames Valley", 51.51, -0.59),
        A("HP", "Thames Valley", 51.75, -0.75), A("SO", "Hampshire", 50.91, -1.40), A("PO", "Hampshire", 50.82, -1.09),
        A("GU", "Surrey", 51.24, -0.57), A("RH", "Sussex", 51.12, -0.20), A("BN", "Sussex", 50.83, -0.14),
        A("TN", "Kent", 51.13, 0.26), A("ME", "Kent", 51.38, 0.52), A("CT", "Kent", 51.28, 1.08),
        // South West
        A("BS", "Avon & Somerset", 51.45, -2.59), A("BA", "Avon & Somerset", 51.38, -2.36), A("TA", "Avon & Somerset", 51.02, -3.10),
        A("EX", "Devon & Cornwall", 50.72, -3.53), A("PL", "Devon & Cornwall", 50.38, -4.14), A("TQ", "Devon & Cornwall", 50.46, -3.53),
        A("TR", "Devon & Cornwall", 50.26, -5.05), A("DT", "Dorset", 50.71, -2.44), A("BH", "Dorset", 50.72, -1.88),
        A("GL", "Gloucestershire", 51.86, -2.24), A("SN", "Wiltshire", 51.56, -1.78), A("SP", "Wiltshire", 51.07, -1.79),
        A("GY", "Guernsey", 49.45, -2.58), A("JE", "Jersey", 49.21, -2.13),
        // Wales
        A("CF", "South Wales", 51.48, -3.18), A("SA", "South Wales", 51.62, -3.94), A("NP", "Gwent", 51.58, -3.00),
        A("LD", "Dyfed-Powys", 52.24, -3.38), A("LL", "North Wales", 53.00, -3.80),
        // Scotland
        A("AB", "Police Scotland", 57.15, -2.10), A("DD", "Police Scotland", 56.46, -2.97), A("DG", "Police Scotland", 55.07, -3.61),
        A("EH", "Police Scotland", 55.95, -3.19), A("FK", "Police Scotland", 56.00, -3.78), A("G", "Police Scotland", 55.86, -4.25),
        A("HS", "Police Scotland", 57.90, -6.80), A("IV", "Police Scotland", 57.48, -4.22), A("KA", "Police Scotland", 55.61, -4.50),
        A("KW", "Police Scotland", 58.60, -3.10), A("KY", "Police Scotland", 56.11, -3.16), A("ML", "Police Scotland", 55.79, -3.99),
        A("PA", "Police Scotland", 55.84, -4.42), A("PH", "Police Scotland", 56.40, -3.43), A("TD", "Police Scotland", 55.60, -2.80),
        A("ZE", "Police Scotland", 60.15, -1.15),
        // Northern Ireland
        A("BT", "PSNI", 54.60, -5.93),
    }.ToDictionary(a => a.Code, StringComparer.Ordinal);

    /// <summary>"M1 1AE" from "m11ae" (a UK postcode's outward and inward codes), or null when it is not one.</summary>
    public static string? Normalise(string? typed)
    {
        var s = new string((typed ?? "").Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        if (s.Length is < 5 or > 7 || !char.IsAsciiLetter(s[0]) || !char.IsAsciiDigit(s[^3]) || !char.IsAsciiLetter(s[^2]) || !char.IsAsciiLetter(s[^1]))
        {
            return null;
        }
        var outward = s[..^3];
        return outward.Length is >= 2 and <= 4 && outward.Any(char.IsAsciiDigit) ? $"{outward} {s[^3..]}" : null;
    }

    /// <summary>The letters that start a postcode ("M" of "M1 1AE", "SW" of "SW1A 1AA").</summary>
    public static string AreaCode(string postcode) => new(postcode.TakeWhile(char.IsAsciiLetter).ToArray());

    /// <summary>The outward code ("M1" of "M1 1AE"): the postcode district.</summary>
    public static string District(string postcode) => postcode.Split(' ')[0];

    /// <summary>The area a postcode is in, when the table knows it.</summary>
    public static Area? AreaOf(string postcode) => Areas.GetValueOrDefault(AreaCode(postcode));

    /// <summary>Where a postcode is, to within its area (see the class's note), or null when the table does not know it.</summary>
    public static LatLon? Centre(string postcode) => AreaOf(postcode)?.Centre;
}
