using Microsoft.EntityFrameworkCore;

namespace Vigil.Web.Platform.Data;

/// <summary>What a failed save was, on either provider. Only these are answered as conflicts; any other
/// failure (an audit store that refuses a write, say) still fails closed.</summary>
public static class DbErrors
{
    /// <summary>Another writer took the same unique key first (two actions numbered at once).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => Constraint(s, 2067, "UNIQUE"), // SQLITE_CONSTRAINT_UNIQUE
        Npgsql.PostgresException p => p.SqlState == "23505",
        _ => false,
    };

    /// <summary>Another record still points at the one being deleted.</summary>
    public static bool IsForeignKeyViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => Constraint(s, 787, "FOREIGN KEY"), // SQLITE_CONSTRAINT_FOREIGNKEY
        Npgsql.PostgresException p => p.SqlState == "23503",
        _ => false,
    };

    /// <summary>Text the database cannot hold: PostgreSQL refuses a NUL character in any text (SQLite keeps it).
    /// The request's fault, not the database's: answered 400.</summary>
    public static bool IsUnstorableText(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: "22021" or "22P05" }) // character not in repertoire, untranslatable character
            {
                return true;
            }
        }
        return false;
    }

    public const string UnstorableText = "The request holds a character that cannot be stored (a NUL, \\0): remove it and try again.";

    /// <summary>The database cannot take the request now, through no fault of the request: it is away or
    /// refusing connections, its disk is full, it is read-only, or the audit store refuses to be written
    /// (an operator's trigger or a revoked grant). Answered 503: nothing was saved, try again later.</summary>
    public static bool IsUnavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Microsoft.Data.Sqlite.SqliteException s when s.SqliteErrorCode is 5 or 6 or 8 or 10 or 13 or 14 // busy, locked, read-only, I/O, full, cannot open
                    || s.SqliteExtendedErrorCode == 1811: // SQLITE_CONSTRAINT_TRIGGER: a trigger refused the write (we define none)
                    return true;
                case Npgsql.PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal) // connection
                    || p.SqlState.StartsWith("53", StringComparison.Ordinal) // insufficient resources: disk full, out of memory, too many connections
                    || p.SqlState.StartsWith("57P", StringComparison.Ordinal) // shut down, cannot connect now
                    || p.SqlState is "25006" or "42501" or "55000" or "40001" or "40P01" // read-only, privilege revoked, not allowing connections, serialisation, deadlock
                    || p.SqlState == "P0001": // raised by a trigger or function (we define none: an operator's block)
                    return true;
                case Npgsql.NpgsqlException n when n is not Npgsql.PostgresException:
                    return true; // the server could not be reached or the connection broke
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }

    private const string OutcomeUnknown = "Vigil.CommitOutcomeUnknown";

    /// <summary>The connection to PostgreSQL was lost while it committed (the server killed, the network gone): the
    /// COMMIT may have taken effect before the answer was lost (on a primary that died after its standby applied it, a
    /// failover keeps it), so the request may or may not have been saved. Marked on the exception by the unit of work's
    /// interceptor when a commit fails so; answered 503 saying so, never "nothing was saved".</summary>
    public static bool IsCommitOutcomeUnknown(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e.Data[OutcomeUnknown] is true)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>For a commit that failed: marks the exception when the server's answer was lost rather than given. An
    /// ERROR at commit is an answer (PostgreSQL raises one only before the commit record is written: rolled back); a
    /// broken connection, or a FATAL or PANIC (the server shutting down or restarting after another process's crash, as
    /// when its WAL disk is full) can come after the commit record was written, so the outcome is not known.</summary>
    internal static void CommitFailed(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is Npgsql.PostgresException { Severity: "FATAL" or "PANIC" } || inner is Npgsql.NpgsqlException and not Npgsql.PostgresException)
            {
                e.Data[OutcomeUnknown] = true;
                return;
            }
        }
    }

    // SQLite reports the extended code only when extended result codes are on; otherwise the primary
    // code (19, a constraint) and its message say which constraint it was.
    private static bool Constraint(Microsoft.Data.Sqlite.SqliteException s, int extended, string kind) =>
        s.SqliteExtendedErrorCode == extended || (s.SqliteErrorCode == 19 && s.Message.Contains($"{kind} constraint failed", StringComparison.Ordinal));
}
