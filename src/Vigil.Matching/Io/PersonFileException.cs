namespace Vigil.Matching.Io;

/// <summary>A person file could not be read: the message names the file and line.</summary>
public sealed class PersonFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PersonFileException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PersonFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PersonFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a line of a file.</summary>
    public PersonFileException(string? fileName, long line, string problem, Exception? innerException = null)
        : base($"{fileName ?? "input"}, line {line}: {problem}", innerException)
    {
        FileName = fileName;
        Line = line;
    }

    /// <summary>The file's name, when known.</summary>
    public string? FileName { get; }

    /// <summary>The 1-based line where the problem is (0 when not tied to a line).</summary>
    public long Line { get; }
}
