using System.Text;

namespace Vigil.Fuzz;

/// <summary>
/// Bytes to text: UTF-8, with invalid bytes read as U+FFFD (as ASP.NET Core reads a form or a query string),
/// except that a surrogate written as its own three bytes (ED A0 80 to ED BF BF) gives that half of a pair. No
/// request brings one today (System.Text.Json refuses "\ud800" alone), but the parsers take any string, and a
/// string can hold one.
/// </summary>
public static class Wtf8
{
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (bytes.Length >= 3 && bytes[0] == 0xED && bytes[1] is >= 0xA0 and <= 0xBF && bytes[2] is >= 0x80 and <= 0xBF)
            {
                text.Append((char)(0xD000 | ((bytes[1] & 0x3F) << 6) | (bytes[2] & 0x3F)));
                bytes = bytes[3..];
                continue;
            }

            var status = Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            text.Append(status == System.Buffers.OperationStatus.Done ? rune.ToString() : "\ufffd");
            bytes = bytes[Math.Max(consumed, 1)..];
        }

        return text.ToString();
    }

    /// <summary>True when every surrogate in the text is half of a pair.</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
