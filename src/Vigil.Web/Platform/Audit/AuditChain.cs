using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Web.Platform.Audit;

/// <summary>The SHA-256 hash chain over audit entries: each entry's hash covers its own fields and the
/// hash of the entry before it, so altering, deleting, inserting or reordering any entry breaks every
/// hash after it.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Times are kept to the microsecond so that PostgreSQL and SQLite give back exactly what
    /// was hashed.</summary>
    public static DateTimeOffset Normalise(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static string ComputeHash(AuditEntry e)
    {
        var text = new StringBuilder();
        Append(text, e.Sequence.ToString(CultureInfo.InvariantCulture));
        Append(text, e.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Append(text, e.UserId?.ToString());
        Append(text, e.UserName);
        Append(text, e.UnitId?.ToString());
        Append(text, e.Action);
        Append(text, e.RecordType);
        Append(text, e.RecordId);
        Append(text, e.Outcome);
        Append(text, e.Purpose);
        Append(text, e.Detail);
        Append(text, e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // Length-prefixed so that no two different entries can produce the same text.
    private static void Append(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("-;");
            return;
        }
        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
    }
}
