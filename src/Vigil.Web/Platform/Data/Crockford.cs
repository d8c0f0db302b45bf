using System.Security.Cryptography;
using System.Text;

namespace Vigil.Web.Platform.Data;

/// <summary>
/// Crockford's base 32, the one alphabet of every reference Vigil gives out (DC-, PRV-, IR-, ACT-): digits and
/// letters without I, L, O or U, so a reference read out over the phone cannot be misheard as another, and each
/// character is five random bits. References are drawn at random, never counted, so one tells nothing of another.
/// </summary>
public static class Crockford
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary><paramref name="length"/> random characters (from <paramref name="random"/> when a demo needs the
    /// same references every time, else from the cryptographic generator).</summary>
    public static string Draw(int length, Random? random = null)
    {
        if (random is null)
        {
            return RandomNumberGenerator.GetString(Alphabet, length);
        }
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[random.Next(32)];
        }
        return new string(chars);
    }

    /// <summary>The low <paramref name="digits"/> x 5 bits of <paramref name="number"/>, most significant first.</summary>
    public static string Spell(long number, int digits)
    {
        var chars = new char[digits];
        for (var i = digits - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(number & 31)];
            number >>= 5;
        }
        return new string(chars);
    }

    /// <summary>What was typed ("act 7k3q x9ma b2cd", with O for 0 and I or L for 1) in its one form: upper case,
    /// only the alphabet's characters.</summary>
    public static string Canonical(string? typed)
    {
        var kept = new StringBuilder();
        foreach (var c in (typed ?? "").ToUpperInvariant())
        {
            var d = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (Alphabet.Contains(d, StringComparison.Ordinal))
            {
                kept.Append(d);
            }
        }
        return kept.ToString();
    }
}
