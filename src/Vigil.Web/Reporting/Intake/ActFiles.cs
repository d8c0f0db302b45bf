using System.Buffers.Binary;

namespace Vigil.Web.Reporting;

/// <summary>
/// The photos and files the public may send: JPEG, PNG or PDF, recognised by their first bytes (never by the
/// name or the browser's word), at most <see cref="MaxBytes"/> each and <see cref="MaxFiles"/> in all. Image
/// metadata (camera, time, GPS position, comments) is removed before anything is stored: a JPEG loses its
/// APP1-APP15 and comment segments, a PNG its text, time and EXIF chunks. A file whose structure does not hold
/// together is refused rather than stored as it came.
/// </summary>
public static class ActFiles
{
    public const int MaxBytes = 4 * 1024 * 1024;
    public const int MaxFiles = 3;

    public sealed record Checked(string FileName, string ContentType, byte[] Content);

    /// <summary>The file made safe to keep, or the message saying why not.</summary>
    public static (Checked? File, string? Error) Check(string? fileName, byte[] content)
    {
        var name = SafeName(fileName);
        if (content.Length == 0)
        {
            return (null, $"{name} is empty");
        }
        if (content.Length > MaxBytes)
        {
            return (null, $"{name} must be {MaxBytes / (1024 * 1024)} MB or smaller");
        }
        var span = content.AsSpan();
        if (span.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return StripJpeg(content) is { } jpeg ? (new Checked(name, "image/jpeg", jpeg), null) : (null, $"{name} is not a complete JPEG image");
        }
        if (span.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return StripPng(content) is { } png ? (new Checked(name, "image/png", png), null) : (null, $"{name} is not a complete PNG image");
        }
        if (span.StartsWith("%PDF-"u8))
        {
            return (new Checked(name, "application/pdf", content), null);
        }
        return (null, $"{name} must be a JPEG or PNG photo, or a PDF");
    }

    /// <summary>A file name fit to show and store: its last part, printable, at most 100 characters.</summary>
    public static string SafeName(string? fileName)
    {
        var last = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        var kept = new string(last.Where(c => !char.IsControl(c) && c != '/' && c != '"').ToArray()).Trim();
        return kept.Length == 0 ? "The file" : kept.Length <= 100 ? kept : kept[..100];
    }

    /// <summary>The JPEG without its application segments (but JFIF's APP0) and comments; null when the segments do not chain.</summary>
    internal static byte[]? StripJpeg(byte[] data)
    {
        using var output = new MemoryStream(data.Length);
        output.Write(data, 0, 2);
        var i = 2;
        while (i + 4 <= data.Length)
        {
            if (data[i] != 0xFF)
            {
                return null;
            }
            var marker = data[i + 1];
            if (marker == 0xFF)
            {
                i++; // fill byte
                continue;
            }
            if (marker == 0xDA)
            {
                // Start of scan: the image data runs to the end.
                output.Write(data, i, data.Length - i);
                return output.ToArray();
            }
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                output.Write(data, i, 2);
                i += 2;
                continue;
            }
            if (marker == 0xD9)
            {
                return null; // an image ends before it begins
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(i + 2, 2));
            if (length < 2 || i + 2 + length > data.Length)
            {
                return null;
            }
            var metadata = marker is (>= 0xE1 and <= 0xEF) or 0xFE;
            if (!metadata)
            {
                output.Write(data, i, 2 + length);
            }
            i += 2 + length;
        }
        return null;
    }

    private static readonly HashSet<string> PngMetadata = new(StringComparer.Ordinal) { "tEXt", "zTXt", "iTXt", "eXIf", "tIME" };

    /// <summary>The PNG without its text, time and EXIF chunks; null when the chunks do not chain to IEND.</summary>
    internal static byte[]? StripPng(byte[] data)
    {
        using var output = new MemoryStream(data.Length);
        output.Write(data, 0, 8);
        var i = 8;
        while (i + 12 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(i, 4));
            if (length > int.MaxValue - 12 || i + 12 + (long)length > data.Length)
            {
                return null;
            }
            var type = System.Text.Encoding.ASCII.GetString(data, i + 4, 4);
            if (!type.All(char.IsAsciiLetter))
            {
                return null;
            }
            var whole = 12 + (int)length;
            if (!PngMetadata.Contains(type))
            {
                output.Write(data, i, whole);
            }
            i += whole;
            if (type == "IEND")
            {
                return output.ToArray();
            }
        }
        return null;
    }
}
